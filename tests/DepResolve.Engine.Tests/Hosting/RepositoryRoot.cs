namespace DepResolve.Engine.Tests.Hosting;

/// <summary>The checkout the tests run from: the folder holding PSDepResolve.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "PSDepResolve.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the DepResolve checkout: no PSDepResolve.sln above " + AppContext.BaseDirectory);
    }
}
