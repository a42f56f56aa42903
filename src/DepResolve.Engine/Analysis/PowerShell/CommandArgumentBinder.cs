using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>Arguments bound to parameter names, the static way (no session needed): named first, then by position.</summary>
internal sealed class BoundArguments
{
    private readonly Dictionary<string, StaticValue?> _named = new(StringComparer.OrdinalIgnoreCase);

    public List<StaticValue> Positional { get; } = new();

    /// <summary>Parameter names written that the signature does not know (a typo, or a newer PowerShell's parameter).</summary>
    public List<string> Unknown { get; } = new();

    public bool Has(string parameter) => _named.ContainsKey(parameter);

    /// <summary>The value bound to a parameter (named, or taking the positional slot), or null.</summary>
    public StaticValue? this[string parameter] => _named.TryGetValue(parameter, out var value) ? value : null;

    internal void Set(string parameter, StaticValue? value) => _named[parameter] = value;
}

internal static class CommandArgumentBinder
{
    public static BoundArguments Bind(IReadOnlyList<CommandElementFact> elements, CommandSignature signature, params string[] positionalOrder)
    {
        var bound = new BoundArguments();
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (element.ParameterName is null)
            {
                bound.Positional.Add(element.Value!);
                continue;
            }

            var parameter = signature.Find(element.ParameterName);
            if (parameter is null)
            {
                bound.Unknown.Add(element.ParameterName);
                if (element.Value is null && i + 1 < elements.Count && elements[i + 1].ParameterName is null)
                {
                    i++;
                }

                continue;
            }

            if (parameter.IsSwitch || element.Value is not null)
            {
                bound.Set(parameter.Name, element.Value);
                continue;
            }

            if (i + 1 < elements.Count && elements[i + 1].ParameterName is null)
            {
                bound.Set(parameter.Name, elements[++i].Value);
            }
            else
            {
                bound.Set(parameter.Name, null);
            }
        }

        var remaining = new List<StaticValue>(bound.Positional);
        bound.Positional.Clear();
        foreach (var name in positionalOrder)
        {
            if (remaining.Count == 0)
            {
                break;
            }

            if (!bound.Has(name))
            {
                bound.Set(name, remaining[0]);
                remaining.RemoveAt(0);
            }
        }

        bound.Positional.AddRange(remaining);
        return bound;
    }
}
