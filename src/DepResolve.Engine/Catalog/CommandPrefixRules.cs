using System.Text.Json;

namespace DepResolve.Engine.Catalog;

/// <summary>
/// Noun-prefix rules (Resources/command-prefix-rules.json), the seed's alias table applied to PowerShell: the noun of
/// Verb-Noun decides the module family (Az + VM -> Az.Compute, Mg + User -> Microsoft.Graph.Users, Dba -> dbatools,
/// EC2 -> AWS.Tools.EC2). The longest matching prefix wins. "Exact case" rules (short abbreviations such as AWS
/// service prefixes) match only as written with a capital or digit, or the end of the noun, right after the prefix,
/// so that ConvertTo-Sqlcmd does not match "Sql". MgBeta nouns map to the Microsoft.Graph.Beta.* twin of the area.
/// </summary>
internal sealed class CommandPrefixRules
{
    private const string GraphBetaPrefix = "MgBeta";
    private const string GraphModulePrefix = "Microsoft.Graph.";
    private const string GraphAuthentication = "Microsoft.Graph.Authentication";

    private static readonly Lazy<CommandPrefixRules> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PrefixRule[] rulesLongestFirst;

    private CommandPrefixRules(IEnumerable<PrefixRule> rules)
    {
        rulesLongestFirst = rules.OrderByDescending(r => r.NounPrefix.Length).ToArray();
    }

    public static CommandPrefixRules Default => Embedded.Value;

    public PrefixMatch? Match(string commandName)
    {
        var dash = commandName.IndexOf('-');
        if (dash <= 0 || dash == commandName.Length - 1)
        {
            return null;
        }

        var noun = commandName[(dash + 1)..];
        if (noun.StartsWith(GraphBetaPrefix, StringComparison.OrdinalIgnoreCase) && noun.Length > GraphBetaPrefix.Length)
        {
            var stable = MatchNoun("Mg" + noun[GraphBetaPrefix.Length..]);
            if (stable is null)
            {
                return null;
            }

            var module = stable.Module == GraphAuthentication
                ? GraphAuthentication
                : stable.Module == "Microsoft.Graph" ? "Microsoft.Graph.Beta" : "Microsoft.Graph.Beta." + stable.Module[GraphModulePrefix.Length..];
            return stable with { Module = module, NounPrefix = GraphBetaPrefix + stable.NounPrefix[2..] };
        }

        return MatchNoun(noun);
    }

    private PrefixMatch? MatchNoun(string noun)
    {
        foreach (var rule in rulesLongestFirst)
        {
            if (rule.Matches(noun))
            {
                return new PrefixMatch(rule.NounPrefix, rule.Module, rule.Family is not null);
            }
        }

        return null;
    }

    private static CommandPrefixRules LoadEmbedded()
    {
        using var document = EmbeddedJson.Load("command-prefix-rules.json");
        var rules = new List<PrefixRule>();
        foreach (var rule in document.RootElement.GetProperty("rules").EnumerateArray())
        {
            rules.Add(new PrefixRule(
                rule.GetProperty("nounPrefix").GetString()!,
                rule.GetProperty("module").GetString()!,
                rule.TryGetProperty("exactCase", out var exactCase) && exactCase.ValueKind == JsonValueKind.True,
                rule.TryGetProperty("family", out var family) && family.ValueKind == JsonValueKind.String ? family.GetString() : null));
        }

        return new CommandPrefixRules(rules);
    }

    private sealed record PrefixRule(string NounPrefix, string Module, bool ExactCase, string? Family)
    {
        public bool Matches(string noun)
        {
            if (!noun.StartsWith(NounPrefix, ExactCase ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return !ExactCase || noun.Length == NounPrefix.Length || char.IsUpper(noun[NounPrefix.Length]) || char.IsDigit(noun[NounPrefix.Length]);
        }
    }
}

/// <summary>A rule that matched: <see cref="IsFamilyRollup"/> when only the family's catch-all (Az, Microsoft.Graph) did.</summary>
internal sealed record PrefixMatch(string NounPrefix, string Module, bool IsFamilyRollup);
