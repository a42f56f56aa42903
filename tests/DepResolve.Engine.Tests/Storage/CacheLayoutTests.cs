using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Storage;

public class CacheLayoutTests
{
    [Fact]
    public void ConfiguredRootWinsOverEverything()
    {
        using var temp = new TempFolder();
        Assert.Equal(temp.Path, CacheLayout.FromOptions(temp.Path).Root);
    }

    [Fact]
    public void DefaultRootIsAPerUserCacheFolderNamedDepResolve()
    {
        var root = CacheLayout.ResolveRoot(null);
        if (Environment.GetEnvironmentVariable(CacheLayout.CacheRootVariable) is { Length: > 0 } fromVariable)
        {
            Assert.Equal(fromVariable, root);
        }
        else
        {
            Assert.Equal("DepResolve", Path.GetFileName(root));
        }
    }

    [Fact]
    public void EnsureCreatedMakesTheDocumentedFolders()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Combine("cache"));

        layout.EnsureCreated();

        foreach (var folder in new[] { "store", "envs", "metadata", "resolutions", "locks", "tmp", "quarantine" })
        {
            Assert.True(Directory.Exists(temp.Combine("cache", folder)), folder);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(layout.TempFolder));
    }

    [Fact]
    public void AnUnwritableCacheRootIsPermissionDeniedNamingThePath()
    {
        using var temp = new TempFolder();
        string root;
        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            var locked = temp.Combine("readonly");
            Directory.CreateDirectory(locked);
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            root = Path.Combine(locked, "cache");
        }
        else
        {
            // Permission bits do not stop an administrator; a file standing where a folder must be does.
            var file = temp.Combine("not-a-folder");
            File.WriteAllText(file, "");
            root = Path.Combine(file, "cache");
        }

        var error = Assert.Throws<DepResolveException>(() => new CacheLayout(root).EnsureCreated());

        Assert.Equal(ErrorCode.PermissionDenied, error.Code);
        Assert.Contains(root, error.Message);
        Assert.NotNull(error.Target);
        if (!OperatingSystem.IsWindows() && Directory.Exists(temp.Combine("readonly")))
        {
            File.SetUnixFileMode(temp.Combine("readonly"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
