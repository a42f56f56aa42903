namespace DepResolve.Engine.Installation;

/// <summary>
/// How far an install is: packages in the store out of the set (found there or downloaded), what was downloaded,
/// and whether the environment is being created (every package is ready then).
/// </summary>
internal sealed record InstallProgress(int Ready, int Total, int Downloaded, long DownloadedBytes, bool CreatingEnvironment = false);
