using DepResolve.Engine.Installation;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Integrity;

/// <summary>
/// The environment's fingerprint file matches only while every file it lists keeps its recorded size and last-write
/// time; anything else in it (a changed, missing or malformed line) sends the warm check to the entries' own records.
/// </summary>
public sealed class EnvironmentFingerprintTests
{
    private const string Relative = "store/some.package/1.0.0/0123456789abcdef/content/lib/Some.Package.dll";

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("")]
    public void FilesWithTheirRecordedSizeAndTimeMatch(string lineEnd)
    {
        using var temp = new TempFolder();
        var (layout, environment, file) = Install(temp);
        var line = LineOf(file, layout);

        File.WriteAllText(Path.Combine(environment, EnvironmentFingerprint.FileName), line + lineEnd);

        Assert.True(EnvironmentFingerprint.Matches(environment, layout));
    }

    [Theory]
    [InlineData("size")]
    [InlineData("time")]
    [InlineData("missing")]
    [InlineData("empty line")]
    [InlineData("parent folder")]
    [InlineData("no path")]
    [InlineData("not a number")]
    [InlineData("empty file")]
    public void AnythingElseDoesNotMatch(string change)
    {
        using var temp = new TempFolder();
        var (layout, environment, file) = Install(temp);
        var line = LineOf(file, layout);
        var info = new FileInfo(file);
        var text = change switch
        {
            "size" => $"{info.Length + 1}\t{info.LastWriteTimeUtc.Ticks}\t{Relative}\n",
            "time" => $"{info.Length}\t{info.LastWriteTimeUtc.Ticks + 1}\t{Relative}\n",
            "missing" => line + "\n" + $"{info.Length}\t{info.LastWriteTimeUtc.Ticks}\t{Relative}.gone\n",
            "empty line" => line + "\n\n" + line + "\n",
            "parent folder" => $"{info.Length}\t{info.LastWriteTimeUtc.Ticks}\tstore/../{Relative}\n",
            "no path" => $"{info.Length}\t{info.LastWriteTimeUtc.Ticks}\t\n",
            "not a number" => $"+{info.Length}\t{info.LastWriteTimeUtc.Ticks}\t{Relative}\n",
            _ => "",
        };

        File.WriteAllText(Path.Combine(environment, EnvironmentFingerprint.FileName), text);

        Assert.False(EnvironmentFingerprint.Matches(environment, layout));
    }

    [Theory]
    [InlineData(1000, false)]
    [InlineData(1000, true)]
    [InlineData(3, true)]
    public void EveryLineOfALargeFileCounts(int lines, bool lastDiffers)
    {
        using var temp = new TempFolder();
        var (layout, environment, file) = Install(temp);
        var line = LineOf(file, layout);
        var last = lastDiffers ? line.Replace("\t", "1\t", StringComparison.Ordinal) : line;

        File.WriteAllText(Path.Combine(environment, EnvironmentFingerprint.FileName), string.Concat(Enumerable.Repeat(line + "\n", lines - 1)) + last);

        Assert.Equal(!lastDiffers, EnvironmentFingerprint.Matches(environment, layout));
    }

    [Fact]
    public void WithoutTheFileNothingMatches()
    {
        using var temp = new TempFolder();
        var (layout, environment, _) = Install(temp);

        Assert.False(EnvironmentFingerprint.Matches(environment, layout));
    }

    private static (CacheLayout Layout, string Environment, string File) Install(TempFolder temp)
    {
        var layout = new CacheLayout(temp.Combine("cache"));
        var file = Path.Combine(layout.Root, Relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, new byte[321]);
        var environment = Path.Combine(layout.Root, "envs", "0123456789abcdef01234567");
        Directory.CreateDirectory(environment);
        return (layout, environment, file);
    }

    private static string LineOf(string file, CacheLayout layout)
    {
        var info = new FileInfo(file);
        return $"{info.Length}\t{info.LastWriteTimeUtc.Ticks}\t{Relative}";
    }
}
