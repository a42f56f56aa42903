namespace DepResolve.Engine.InstallSafety;

/// <summary>
/// What the approval callback is asked: the cmdlets connect it to ShouldProcess (target, action) and,
/// with -Confirm semantics, ShouldContinue.
/// </summary>
internal sealed class ApprovalRequest
{
    public ApprovalRequest(IReadOnlyList<InstallPlanItem> packages) => Packages = packages;

    /// <summary>The packages that would be downloaded (store entries already present are not asked about).</summary>
    public IReadOnlyList<InstallPlanItem> Packages { get; }

    /// <summary>A ShouldProcess target: "Pester 5.5.0, PSReadLine 2.3.4".</summary>
    public string Target => string.Join(", ", Packages.Select(p => $"{p.Id} {p.Version}"));

    public string Action => "Install";
}
