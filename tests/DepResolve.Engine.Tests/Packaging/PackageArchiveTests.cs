using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Packaging;

public class PackageArchiveTests
{
    private static string[] FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void ModuleLayoutLeavesNuGetMetadataOut()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("Az.Accounts", "2.0.4.0")
            .AsModule(functions: new[] { "Connect-AzAccount" }, moduleVersion: "2.0.4")
            .WithEntry(".signature.p7s", "signature")
            .WithEntry("en-US/about_Az.Accounts.help.txt", "help")
            .Build(temp.Combine("pkgs"));

        using var archive = PackageArchive.Open(path, "az.accounts", NuGetVersion.Parse("2.0.4"));
        var result = archive.ExtractTo(temp.Combine("out"), skipNuGetMetadata: true);

        Assert.Equal(new[] { "Az.Accounts.psd1", "Az.Accounts.psm1", "en-US/about_Az.Accounts.help.txt" }, FilesUnder(temp.Combine("out")));
        Assert.Equal(3, result.FileCount);
        Assert.Equal(5, result.SkippedMetadataEntries);
        Assert.False(Directory.Exists(temp.Combine("out", "_rels")));
        Assert.False(Directory.Exists(temp.Combine("out", "package")));
    }

    [Fact]
    public void FullExtractionWritesEveryEntryByteForByteAndCountsBytes()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("Contoso.Lib", "1.0.0").AsLibrary("net8.0", "netstandard2.0").Build(temp.Combine("pkgs"));

        using var archive = PackageArchive.Open(path, "Contoso.Lib", NuGetVersion.Parse("1.0.0.0"));
        var result = archive.ExtractTo(temp.Combine("out"));

        Assert.Equal(new[] { "Contoso.Lib.nuspec", "lib/net8.0/Contoso.Lib.dll", "lib/netstandard2.0/Contoso.Lib.dll" }, FilesUnder(temp.Combine("out")));
        var dll = File.ReadAllBytes(temp.Combine("out", "lib", "net8.0", "Contoso.Lib.dll"));
        Assert.Equal(PackageBuilder.AssemblyCompiler.Compile("Contoso.Lib", "net8.0"), dll);
        Assert.Equal(FilesUnder(temp.Combine("out")).Sum(f => new FileInfo(temp.Combine("out", f)).Length), result.TotalBytes);
    }

    [Fact]
    public void ExtractionReportsEachFilesSizeAndSha256AndCanCreateThemReadOnly()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("Contoso.Lib", "1.0.0").AsLibrary("net8.0").WithEntry("data/readme.txt", "hello").Build(temp.Combine("pkgs"));

        using var archive = PackageArchive.Open(path);
        var result = archive.ExtractTo(temp.Combine("out"), readOnlyFiles: true);

        Assert.Equal(FilesUnder(temp.Combine("out")), result.Files.Select(f => f.RelativePath).OrderBy(f => f, StringComparer.Ordinal));
        foreach (var file in result.Files)
        {
            var bytes = File.ReadAllBytes(temp.Combine("out", file.RelativePath));
            Assert.Equal(bytes.Length, file.Size);
            Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), file.Sha256);
            Assert.True(new FileInfo(temp.Combine("out", file.RelativePath)).IsReadOnly, file.RelativePath);
        }

        Assert.Equal(result.Files.Sum(f => f.Size), result.TotalBytes);
    }

    [Fact]
    public void BackslashAndPercentEscapedNamesAreWrittenAsNuGetMeansThem()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("Esc", "1.0.0")
            .WithEntry("tools\\nested\\run.ps1", "run")
            .WithEntry("content/My%20File.txt", "spaced")
            .Build(temp.Combine("pkgs"));

        using var archive = PackageArchive.Open(path);
        archive.ExtractTo(temp.Combine("out"), skipNuGetMetadata: true);

        Assert.Equal(new[] { "content/My File.txt", "tools/nested/run.ps1" }, FilesUnder(temp.Combine("out")));
    }

    [Fact]
    public void NonEmptyDestinationIsRefusedAndLeftAlone()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("A", "1.0.0").AsModule().Build(temp.Combine("pkgs"));
        Directory.CreateDirectory(temp.Combine("out"));
        File.WriteAllText(temp.Combine("out", "keep.txt"), "mine");

        using var archive = PackageArchive.Open(path);
        var ex = Assert.Throws<DepResolveException>(() => archive.ExtractTo(temp.Combine("out")));

        Assert.Equal(ErrorCode.InstallationFailed, ex.Code);
        Assert.Equal(new[] { "keep.txt" }, FilesUnder(temp.Combine("out")));
    }

    [Fact]
    public void CancellationRemovesWhatWasWritten()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("A", "1.0.0").AsModule().Build(temp.Combine("pkgs"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        using var archive = PackageArchive.Open(path);
        Assert.ThrowsAny<OperationCanceledException>(() => archive.ExtractTo(temp.Combine("out"), cancellationToken: cancelled.Token));
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public void IdentityMatchesIgnoringIdCaseAndVersionFormatting()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("Foo.Bar", "1.0").Build(temp.Path);

        using var archive = PackageArchive.Open(path, "FOO.BAR", NuGetVersion.Parse("1.0.0.0"));
        Assert.Equal("Foo.Bar", archive.Metadata.Id);
        Assert.Equal("Foo.Bar.nuspec", archive.NuspecEntryName);
        Assert.Equal("Foo.Bar", PackageArchive.ReadMetadata(path).Id);
    }

    [Fact]
    public void MissingFileIsInvalidInputNamingIt()
    {
        using var temp = new TempFolder();
        var ex = Assert.Throws<DepResolveException>(() => PackageArchive.Open(temp.Combine("nope.1.0.0.nupkg")));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("nope.1.0.0.nupkg", ex.Message);
    }

    [Theory]
    [InlineData("lib/net8.0/A.dll", null)]
    [InlineData("tools/CON.ps1", "reserved device name")]
    [InlineData("a/../b.txt", "'..' segment")]
    [InlineData("a/./b.txt", "'.' segment")]
    [InlineData("a//b.txt", "empty path segment")]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("\\Windows\\evil.dll", "absolute path")]
    [InlineData("C:/evil.ps1", "drive-letter")]
    [InlineData("c:evil.ps1", "drive-letter")]
    [InlineData("file.txt:stream", "':' in a name")]
    [InlineData("trailing./x", "dot or space")]
    [InlineData("%2e%2e/evil.ps1", "'..' segment")]
    [InlineData("bell\u0007.txt", "control character")]
    public void EntryNameRules(string name, string? expectedProblem)
    {
        var relative = ZipEntryRules.TryGetRelativePath(name, out var reason, out _);
        if (expectedProblem is null)
        {
            Assert.Equal(name, relative);
        }
        else
        {
            Assert.Null(relative);
            Assert.Contains(expectedProblem, reason);
        }
    }

    [Theory]
    [InlineData("Az.Accounts", true)]
    [InlineData("Microsoft.Extensions.Logging.Abstractions", true)]
    [InlineData("my_pkg-2", true)]
    [InlineData("../evil", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("C:evil", false)]
    [InlineData("NUL", false)]
    [InlineData("com1", false)]
    [InlineData("Lpt9.Tools", false)]
    [InlineData("Console", true)]
    [InlineData("a..b", false)]
    [InlineData("", false)]
    public void PackageIdRulesRejectPathCharactersAndDeviceNames(string id, bool valid) =>
        Assert.Equal(valid, PackageIdRules.IsValid(id));
}
