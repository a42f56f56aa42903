namespace DepResolve.Bench.Generation;

/// <summary>One synthetic package: its id, graph layer (0 = root), payload size and direct dependencies.</summary>
public sealed record SyntheticPackage(string Id, int Layer, long PayloadBytes, IReadOnlyList<string> Dependencies);

/// <summary>
/// A layered dependency graph: roots in layer 0, and every package of layer i depends on 1–3 packages of layer i+1,
/// each of which has at least one parent there. Edges only go one layer down, so every package is reached after
/// exactly <c>layer</c> metadata round trips and the critical path is <see cref="Depth"/> levels long.
/// </summary>
public sealed class SyntheticGraph
{
    /// <summary>Every package has two versions: a small 1.0.0 and the 1.1.0 that every range selects.</summary>
    public const string OldVersion = "1.0.0";
    public const string ChosenVersion = "1.1.0";
    public const string DependencyRange = "[1.1.0, 2.0.0)";

    private SyntheticGraph(IReadOnlyList<SyntheticPackage> packages, int depth)
    {
        Packages = packages;
        Depth = depth;
    }

    public IReadOnlyList<SyntheticPackage> Packages { get; }

    public IReadOnlyList<SyntheticPackage> Roots => Packages.Where(p => p.Layer == 0).ToArray();

    /// <summary>Levels on the longest dependency chain (roots count as level 1).</summary>
    public int Depth { get; }

    public long TotalPayloadBytes => Packages.Sum(p => p.PayloadBytes);

    /// <summary>Depth grows with the feed: 10 packages → 3 levels, 100 → 6, 1,000 → 8 (always within 2–8).</summary>
    public static int DepthFor(int packageCount) => Math.Clamp((int)Math.Round(1 + 2.3 * Math.Log10(packageCount)), 2, 8);

    public static SyntheticGraph Generate(int packageCount, long minPayload, long maxPayload, int seed)
    {
        var random = new Random(seed ^ packageCount);
        var depth = Math.Min(DepthFor(packageCount), packageCount);
        var layerSizes = LayerSizes(packageCount, depth);
        var layers = new List<List<string>>();
        var index = 0;
        foreach (var size in layerSizes)
        {
            layers.Add(Enumerable.Range(0, size).Select(_ => $"Synth.P{index++:D4}").ToList());
        }

        var dependencies = layers.SelectMany(l => l).ToDictionary(id => id, _ => new List<string>());
        for (var layer = 0; layer + 1 < layers.Count; layer++)
        {
            var below = layers[layer + 1];
            foreach (var id in layers[layer])
            {
                var count = Math.Min(below.Count, random.Next(1, 4));
                dependencies[id].AddRange(below.OrderBy(_ => random.Next()).Take(count));
            }

            foreach (var orphan in below.Where(b => !layers[layer].Any(p => dependencies[p].Contains(b))).ToList())
            {
                dependencies[layers[layer][random.Next(layers[layer].Count)]].Add(orphan);
            }
        }

        // Log-uniform sizes: as many small packages as large ones per decade, like a real feed.
        var logMin = Math.Log(minPayload);
        var logMax = Math.Log(maxPayload);
        var packages = layers.SelectMany((ids, layer) => ids.Select(id => new SyntheticPackage(
            id,
            layer,
            (long)Math.Exp(logMin + random.NextDouble() * (logMax - logMin)),
            dependencies[id].OrderBy(d => d, StringComparer.Ordinal).ToArray()))).ToArray();
        return new SyntheticGraph(packages, depth);
    }

    /// <summary>A few roots (about 1 in 20 packages, at least 1), the rest spread evenly over the lower layers.</summary>
    private static int[] LayerSizes(int packageCount, int depth)
    {
        var roots = Math.Clamp(packageCount / 20, 1, packageCount - (depth - 1));
        var rest = packageCount - roots;
        var sizes = new int[depth];
        sizes[0] = roots;
        for (var layer = 1; layer < depth; layer++)
        {
            sizes[layer] = rest / (depth - 1) + (layer - 1 < rest % (depth - 1) ? 1 : 0);
        }

        return sizes;
    }
}
