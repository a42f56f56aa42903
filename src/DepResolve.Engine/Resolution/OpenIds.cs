namespace DepResolve.Engine.Resolution;

/// <summary>
/// The ids a search has yet to decide, each with its distance from a root, in the order they are decided: nearest
/// first, then by name (ignoring case). An id keeps the spelling it was first added with.
/// </summary>
internal sealed class OpenIds
{
    private static readonly Comparer<(int Depth, string Id)> NearestFirst = Comparer<(int Depth, string Id)>.Create(
        (a, b) => a.Depth != b.Depth ? a.Depth.CompareTo(b.Depth) : StringComparer.OrdinalIgnoreCase.Compare(a.Id, b.Id));

    private readonly Dictionary<string, (int Depth, string Id)> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<(int Depth, string Id)> _order = new(NearestFirst);

    /// <summary>The id to decide next, or null when none is open.</summary>
    public string? Next => _order.Count == 0 ? null : _order.Min.Id;

    /// <summary>Opens <paramref name="id"/> at <paramref name="depth"/>, or moves it there when it is open already.</summary>
    public void Set(string id, int depth)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            if (entry.Depth == depth)
            {
                return;
            }

            _order.Remove(entry);
            id = entry.Id;
        }

        _entries[id] = (depth, id);
        _order.Add((depth, id));
    }

    public void Remove(string id)
    {
        if (_entries.Remove(id, out var entry))
        {
            _order.Remove(entry);
        }
    }
}
