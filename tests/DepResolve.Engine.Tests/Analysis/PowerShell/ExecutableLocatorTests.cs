using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public class ExecutableLocatorTests
{
    [Fact]
    public void Finds_executables_on_the_given_path_only()
    {
        using var folder = new TempFolder("psreader");
        var bin = Directory.CreateDirectory(folder.Combine("bin")).FullName;
        var tool = Path.Combine(bin, "mytool");
        File.WriteAllText(tool, "#!/bin/sh");
        var notExecutable = Path.Combine(bin, "readme");
        File.WriteAllText(notExecutable, "text");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Assert.Equal(tool, ExecutableLocator.FindOnPath("mytool", "/nonexistent" + Path.PathSeparator + bin, null, isWindows: false));
        Assert.Null(ExecutableLocator.FindOnPath("Get-AzVM", bin, null, isWindows: false));
        Assert.Null(ExecutableLocator.FindOnPath("../bin/mytool", bin, null, isWindows: false));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Null(ExecutableLocator.FindOnPath("readme", bin, null, isWindows: false));
        }
    }

    [Fact]
    public void Pathext_is_tried_on_windows()
    {
        using var folder = new TempFolder("psreader");
        var exe = folder.Combine("robocopy.EXE");
        File.WriteAllText(exe, "MZ");

        Assert.Equal(exe, ExecutableLocator.FindOnPath("robocopy", folder.Path, ".COM;.EXE", isWindows: true));
        Assert.True(ExecutableLocator.HasExecutableExtension("build.cmd"));
        Assert.False(ExecutableLocator.HasExecutableExtension("Get-Thing"));
    }
}
