using DepResolve.Engine.Configuration;

namespace DepResolve.Engine.InstallSafety;

/// <summary>The safety controls that decide whether a package may be installed (docs/cache-environments-config.md).</summary>
internal sealed record InstallPolicy
{
    /// <summary>Null: every id not denied may install. Ids with '*' wildcards, case-insensitive.</summary>
    public IReadOnlyList<string>? AllowList { get; init; }

    /// <summary>Ids with '*' wildcards; the deny list wins over the allow list.</summary>
    public IReadOnlyList<string> DenyList { get; init; } = Array.Empty<string>();

    /// <summary>Ask <see cref="ApprovalRequest"/> callback before anything is downloaded.</summary>
    public bool RequireApproval { get; init; }

    /// <summary>Plan only: nothing is downloaded or written.</summary>
    public bool DryRun { get; init; }

    public bool AllowPrerelease { get; init; }

    public TimeSpan InstallTimeout { get; init; } = TimeSpan.FromSeconds(300);

    public static InstallPolicy FromOptions(DepResolveOptions options) => new()
    {
        AllowList = options.AllowList,
        DenyList = options.DenyList,
        RequireApproval = options.RequireApproval,
        DryRun = options.DryRun,
        AllowPrerelease = options.AllowPrerelease,
        InstallTimeout = options.InstallTimeout,
    };
}
