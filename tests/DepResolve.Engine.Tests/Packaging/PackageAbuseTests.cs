using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Packaging;

/// <summary>
/// Hostile packages. Every case asserts the error code, that the message names the package, that nothing
/// appeared anywhere in the sandbox except the package itself, and that the destination is absent.
/// </summary>
public sealed class PackageAbuseTests : IDisposable
{
    private readonly TempFolder _sandbox = new("depresolve-abuse");

    private string PackagesFolder => _sandbox.Combine("pkgs");

    private string Destination => _sandbox.Combine("store", "pkg", "dest");

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void CorruptZip() =>
        AssertOpenRejected(new PackageBuilder("Corrupt", "1.0.0").WithCorruptBytes(), "not a valid zip");

    [Fact]
    public void TruncatedZip()
    {
        var whole = new PackageBuilder("Truncated", "1.0.0").AsModule(functions: new[] { "Get-X" }).BuildBytes();
        AssertOpenRejected(new PackageBuilder("Truncated", "1.0.0").WithCorruptBytes(whole[..(whole.Length / 2)]), "not a valid zip");
    }

    [Fact]
    public void ZipBombOverTheByteCapIsStoppedAndRolledBack()
    {
        var builder = new PackageBuilder("Bomb", "1.0.0").AsModule(functions: new[] { "Get-Bomb" }).WithBombEntry("payload.bin", 32L * 1024 * 1024);
        var path = builder.Build(PackagesFolder);
        Assert.True(new FileInfo(path).Length < 256 * 1024, "the fixture should compress about a thousandfold");

        AssertExtractRejected(path, new ExtractionLimits(4 * 1024 * 1024, 100), "more than the limit of 4194304 bytes");
    }

    [Fact]
    public void EntryDeclaringASmallSizeCannotUnpackMoreThanItDeclares()
    {
        var path = new PackageBuilder("Liar", "1.0.0").WithBombEntry("payload.bin", 8L * 1024 * 1024).Build(PackagesFolder);
        ZipHeaderPatcher.SetUncompressedSize(path, "payload.bin", 10);

        using var archive = PackageArchive.Open(path, new ExtractionLimits(1024 * 1024, 100));
        try
        {
            var result = archive.ExtractTo(Destination);
            var written = Directory.EnumerateFiles(Destination, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Assert.Equal(written, result.TotalBytes);
            Assert.True(written <= 1024 * 1024, $"{written} bytes were written past the cap");
        }
        catch (DepResolveException ex)
        {
            Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
            Assert.Contains("Liar.1.0.0.nupkg", ex.Message);
            AssertNothingLeft(path);
        }
    }

    [Fact]
    public void EntryDeclaringAHugeSizeIsJudgedByWhatItActuallyHolds()
    {
        var path = new PackageBuilder("Boaster", "1.0.0").WithEntry("small.txt", "twelve bytes").Build(PackagesFolder);
        ZipHeaderPatcher.SetUncompressedSize(path, "small.txt", 3_000_000_000);

        using var archive = PackageArchive.Open(path, new ExtractionLimits(1024 * 1024, 100));
        try
        {
            var result = archive.ExtractTo(Destination);
            Assert.True(result.TotalBytes < 1024 * 1024);
        }
        catch (DepResolveException ex)
        {
            Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
            Assert.DoesNotContain("more than the limit", ex.Message);
            AssertNothingLeft(path);
        }
    }

    [Fact]
    public void TooManyEntries()
    {
        var builder = new PackageBuilder("Many", "1.0.0");
        for (var i = 0; i < 30; i++)
        {
            builder.WithEntry($"content/f{i}.txt", "x");
        }

        AssertOpenRejected(builder, "more than the limit of 20", new ExtractionLimits(1L << 30, 20));
    }

    [Theory]
    [InlineData("../evil.ps1")]
    [InlineData("../../evil.ps1")]
    [InlineData("tools/../../../evil.ps1")]
    [InlineData("..\\evil.ps1")]
    [InlineData("%2e%2e/evil.ps1")]
    public void ZipSlip(string entryName) =>
        AssertExtractRejected(Hostile("Slip").WithEntry(entryName, "Remove-Item -Recurse /"), "'..' segment");

    [Fact]
    public void AbsolutePath()
    {
        var outside = _sandbox.Combine("absolute-evil.ps1");
        AssertExtractRejected(Hostile("Abs").WithEntry(outside, "evil"), "absolute path");
        Assert.False(File.Exists(outside));
    }

    [Theory]
    [InlineData("\\evil.ps1")]
    [InlineData("\\\\server\\share\\evil.ps1")]
    public void RootedBackslashPath(string entryName) =>
        AssertExtractRejected(Hostile("Rooted").WithEntry(entryName, "evil"), "absolute path");

    [Theory]
    [InlineData("C:/Windows/evil.ps1")]
    [InlineData("C:\\evil.ps1")]
    [InlineData("d:evil.ps1")]
    public void DriveLetter(string entryName) =>
        AssertExtractRejected(Hostile("Drive").WithEntry(entryName, "evil"), "drive-letter");

    [Fact]
    public void SymlinkEntry()
    {
        var outside = Directory.CreateDirectory(_sandbox.Combine("outside")).FullName;
        var builder = Hostile("Link").WithSymlinkEntry("linked", outside).WithEntry("linked/evil.ps1", "evil");
        AssertExtractRejected(builder, "symbolic link");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public void NuspecWithExternalEntityIsRefusedWithoutReadingTheFile()
    {
        var secret = _sandbox.Combine("secret.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        var path = new PackageBuilder("Xxe", "1.0.0").WithExternalEntity(secret).Build(PackagesFolder);

        var ex = Assert.Throws<DepResolveException>(() => PackageArchive.Open(path));

        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains("Xxe.1.0.0.nupkg", ex.Message);
        Assert.Contains("DTD", ex.Message);
        Assert.DoesNotContain("TOP-SECRET-CONTENT", ex.ToString());
        AssertNothingLeft(path, secret);
    }

    [Fact]
    public void NuspecWithInternalDtd() =>
        AssertOpenRejected(new PackageBuilder("Dtd", "1.0.0").WithNuspecDoctype("<!DOCTYPE package [ <!ENTITY x \"y\"> ]>"), "DTD");

    [Theory]
    [InlineData("../evil")]
    [InlineData("..\\..\\evil")]
    [InlineData("/etc/evil")]
    [InlineData("C:evil")]
    [InlineData("CON")]
    [InlineData("nul.tools")]
    public void InnerIdWithPathCharactersOrDeviceName(string innerId) =>
        AssertOpenRejected(new PackageBuilder("Inner", "1.0.0").WithInnerIdentity(id: innerId), "not a valid package id");

    [Theory]
    [InlineData("../evil")]
    [InlineData("sub/dir")]
    [InlineData("AUX")]
    [InlineData("LPT1")]
    public void AskedIdWithPathCharactersOrDeviceName(string askedId)
    {
        var path = new PackageBuilder("Asked", "1.0.0").Build(PackagesFolder);
        var ex = Assert.Throws<DepResolveException>(() => PackageArchive.Open(path, askedId, NuGetVersion.Parse("1.0.0")));
        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains(askedId, ex.Message);
        Assert.Contains("Asked.1.0.0.nupkg", ex.Message);
        AssertNothingLeft(path);
    }

    [Theory]
    [InlineData("CON.ps1")]
    [InlineData("tools/nul")]
    [InlineData("lib/AUX/x.dll")]
    [InlineData("com1.txt")]
    [InlineData("LPT9 .psm1")]
    public void ReservedDeviceNameEntry(string entryName) =>
        AssertExtractRejected(Hostile("Device").WithEntry(entryName, "x"), "reserved device name");

    [Theory]
    [InlineData("Other", null, "its nuspec says Other 1.0.0")]
    [InlineData(null, "2.0.0", "its nuspec says Ident 2.0.0")]
    public void InnerIdentityDiffersFromAsked(string? innerId, string? innerVersion, string expected)
    {
        var path = new PackageBuilder("Ident", "1.0.0").AsModule().WithInnerIdentity(innerId, innerVersion).Build(PackagesFolder);

        var ex = Assert.Throws<DepResolveException>(() => PackageArchive.Open(path, "Ident", NuGetVersion.Parse("1.0.0")));

        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains("Ident.1.0.0.nupkg", ex.Message);
        Assert.Contains("expected Ident 1.0.0", ex.Message);
        Assert.Contains(expected, ex.Message);
        AssertNothingLeft(path);
    }

    [Fact]
    public void NoNuspec() => AssertOpenRejected(new PackageBuilder("Bare", "1.0.0").WithoutNuspec().WithEntry("x.txt", "x"), "no .nuspec");

    [Fact]
    public void TwoNuspecs() => AssertOpenRejected(new PackageBuilder("Twice", "1.0.0").WithEntry("second.nuspec", "<package/>"), "2 .nuspec");

    [Fact]
    public void DuplicateEntryDifferingOnlyInCase() =>
        AssertExtractRejected(Hostile("Dup").WithEntry("tools/Run.ps1", "a").WithEntry("tools/run.ps1", "b"), "more than once");

    [Fact]
    public void FileAndFolderWithTheSameName() =>
        AssertExtractRejected(Hostile("Clash").WithEntry("tools", "a").WithEntry("tools/run.ps1", "b"), "both a file and a folder");

    [Fact]
    public void HostileEntryAfterGoodOnesRollsBackAnExistingEmptyDestination()
    {
        var path = Hostile("Late").WithBombEntry("zz-late.bin", 2 * 1024 * 1024).Build(PackagesFolder);
        Directory.CreateDirectory(Destination);

        using var archive = PackageArchive.Open(path, new ExtractionLimits(1024 * 1024, 100));
        var ex = Assert.Throws<DepResolveException>(() => archive.ExtractTo(Destination, skipNuGetMetadata: true));

        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.True(Directory.Exists(Destination));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Destination));
    }

    /// <summary>A valid module package to which a hostile entry is added.</summary>
    private static PackageBuilder Hostile(string id) => new PackageBuilder(id, "1.0.0").AsModule(functions: new[] { "Get-" + id });

    private void AssertOpenRejected(PackageBuilder builder, string expectedReason, ExtractionLimits? limits = null)
    {
        var path = builder.Build(PackagesFolder);
        var ex = Assert.Throws<DepResolveException>(() =>
        {
            using var archive = PackageArchive.Open(path, builder.Id, NuGetVersion.Parse(builder.Version), limits);
            archive.ExtractTo(Destination);
        });

        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains(Path.GetFileName(path), ex.Message);
        Assert.Contains(expectedReason, ex.Message);
        AssertNothingLeft(path);
    }

    private void AssertExtractRejected(PackageBuilder builder, string expectedReason) =>
        AssertExtractRejected(builder.Build(PackagesFolder), ExtractionLimits.Default, expectedReason);

    private void AssertExtractRejected(string path, ExtractionLimits limits, string expectedReason)
    {
        using var archive = PackageArchive.Open(path, limits);
        var ex = Assert.Throws<DepResolveException>(() => archive.ExtractTo(Destination, skipNuGetMetadata: true));

        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains(Path.GetFileName(path), ex.Message);
        Assert.Contains(expectedReason, ex.Message);
        AssertNothingLeft(path);
    }

    /// <summary>The sandbox holds only the package (and files the test made itself); the destination does not exist.</summary>
    private void AssertNothingLeft(string packagePath, params string[] alsoExpected)
    {
        var expected = alsoExpected.Append(packagePath).Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal);
        var actual = Directory.EnumerateFiles(_sandbox.Path, "*", SearchOption.AllDirectories).Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.False(Directory.Exists(Destination), "the destination must be removed on failure");
    }
}
