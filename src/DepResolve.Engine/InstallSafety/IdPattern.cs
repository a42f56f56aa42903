using System.Text.RegularExpressions;

namespace DepResolve.Engine.InstallSafety;

/// <summary>A package id pattern from an allow or deny list: '*' matches any run of characters, case-insensitive.</summary>
internal sealed class IdPattern
{
    private readonly Regex _regex;

    public IdPattern(string pattern)
    {
        Pattern = pattern.Trim();
        var body = string.Join(".*", Pattern.Split('*').Select(Regex.Escape));
        _regex = new Regex("^" + body + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    public bool Matches(string id) => _regex.IsMatch(id);
}
