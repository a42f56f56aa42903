namespace DepResolve.Engine.Model;

/// <summary>A <see cref="ResolutionPolicy"/> as parameters, configuration, lock files and results spell it.</summary>
internal static class ResolutionPolicyText
{
    /// <summary>
    /// The policy <paramref name="text"/> names in any letter case (or whose number it is); false for anything else.
    /// Through the non-generic Enum methods, which ship compiled ahead of time with the framework: the generic
    /// TryParse&lt;ResolutionPolicy&gt; is compiled at run time in every fresh process, and every resolve call parses one.
    /// </summary>
    public static bool TryParse(string? text, out ResolutionPolicy policy)
    {
        if (text is not null && Enum.TryParse(typeof(ResolutionPolicy), text, ignoreCase: true, out var parsed) && Enum.IsDefined(typeof(ResolutionPolicy), parsed!))
        {
            policy = (ResolutionPolicy)parsed!;
            return true;
        }

        policy = default;
        return false;
    }
}
