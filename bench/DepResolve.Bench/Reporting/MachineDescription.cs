using System.Globalization;
using System.Runtime.InteropServices;

namespace DepResolve.Bench.Reporting;

/// <summary>The machine a run was measured on, as the docs/benchmarks.md table states it.</summary>
public static class MachineDescription
{
    public static string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores, {MemoryGiB()}, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd}");

    private static string MemoryGiB()
    {
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return total > 0 ? string.Create(CultureInfo.InvariantCulture, $"{total / (double)(1L << 30):0.0} GiB memory") : "memory unknown";
    }
}
