namespace DepResolve.Engine.Tests.Fixtures;

/// <summary>A fresh folder under the system temp folder, deleted (read-only files included) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string? prefix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), (prefix ?? "depresolve-test") + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        foreach (var dir in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(dir, FileAttributes.Normal);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS temp cleaner takes the rest.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
