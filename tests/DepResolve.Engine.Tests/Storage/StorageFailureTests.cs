using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Tests.Storage;

public class StorageFailureTests
{
    [Fact]
    public void AFullDiskIsInstallationFailedNamingThePath()
    {
        const string full = "/dev/full";
        if (!OperatingSystem.IsLinux() || !File.Exists(full))
        {
            return;
        }

        var error = Assert.Throws<DepResolveException>(() =>
        {
            try
            {
                using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
                stream.Write(new byte[64 * 1024]);
                stream.Flush();
            }
            catch (IOException e)
            {
                throw AtomicFile.StorageFailure(full, e);
            }
        });

        Assert.Equal(ErrorCode.InstallationFailed, error.Code);
        Assert.Contains("disk is full", error.Message);
        Assert.Equal(full, error.Target);
    }
}
