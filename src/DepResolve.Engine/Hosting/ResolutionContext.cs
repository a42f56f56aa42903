using DepResolve.Engine.Configuration;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// What the <see cref="ResolutionPipeline"/> takes from its session: where relative paths resolve, each folder's
/// options, the session's feed and install parameters, and the host's log and approvals. Nothing else of the session.
/// </summary>
internal sealed record ResolutionContext
{
    public required string WorkingDirectory { get; init; }

    /// <summary>The options for scripts of a folder (see <see cref="FolderOptions"/>).</summary>
    public required Func<string, DepResolveOptions> OptionsFor { get; init; }

    public required SessionLog Log { get; init; }

    /// <summary>-Repository values; empty means the configured repositories (and NuGet.Config library feeds).</summary>
    public IReadOnlyList<string> Repositories { get; init; } = [];

    /// <inheritdoc cref="SessionSettings.InstalledModulePath"/>
    public IReadOnlyList<string>? InstalledModulePath { get; init; }

    /// <inheritdoc cref="SessionSettings.InstallsPreApproved"/>
    public bool InstallsPreApproved { get; init; }

    /// <inheritdoc cref="SessionSettings.Verify"/>
    public bool Verify { get; init; }

    /// <inheritdoc cref="SessionSettings.UserNuGetConfigFolder"/>
    public string? UserNuGetConfigFolder { get; init; }

    /// <inheritdoc cref="SessionSettings.LocalApplicationDataFolder"/>
    public string? LocalApplicationDataFolder { get; init; }

    /// <inheritdoc cref="SessionCallbacks.ApproveInstall"/>
    public Func<InstallApproval, bool>? ApproveInstall { get; init; }

    /// <inheritdoc cref="SessionCallbacks.ShouldProcess"/>
    public Func<string, string, bool>? ShouldProcess { get; init; }

    public static ResolutionContext For(SessionSettings settings, string workingDirectory, FolderOptions options, SessionLog log, SessionCallbacks callbacks) => new()
    {
        WorkingDirectory = workingDirectory,
        OptionsFor = options.For,
        Log = log,
        Repositories = settings.Repositories,
        InstalledModulePath = settings.InstalledModulePath,
        InstallsPreApproved = settings.InstallsPreApproved,
        Verify = settings.Verify,
        UserNuGetConfigFolder = settings.UserNuGetConfigFolder,
        LocalApplicationDataFolder = settings.LocalApplicationDataFolder,
        ApproveInstall = callbacks.ApproveInstall,
        ShouldProcess = callbacks.ShouldProcess,
    };
}
