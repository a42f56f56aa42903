using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.InstallSafety;

/// <summary>
/// Applies <see cref="InstallPolicy"/>: deny list, allow list, prerelease, then approval of what would be
/// downloaded. Refusals name the package and the rule that refused it.
/// </summary>
internal sealed class PolicyEvaluator
{
    private readonly InstallPolicy _policy;
    private readonly IReadOnlyList<IdPattern>? _allow;
    private readonly IReadOnlyList<IdPattern> _deny;

    public PolicyEvaluator(InstallPolicy policy)
    {
        _policy = policy;
        _allow = policy.AllowList?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new IdPattern(p)).ToList();
        _deny = policy.DenyList.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new IdPattern(p)).ToList();
    }

    public InstallPolicy Policy => _policy;

    /// <summary>DeniedByPolicy when a rule refuses package <paramref name="id"/> in <paramref name="version"/>.</summary>
    public void EnsureAllowed(string id, NuGetVersion version)
    {
        var denyingRule = _deny.FirstOrDefault(p => p.Matches(id));
        if (denyingRule is not null)
        {
            throw Denied(id, version, $"it matches the deny list entry '{denyingRule.Pattern}'");
        }

        if (_allow is not null && !_allow.Any(p => p.Matches(id)))
        {
            var list = _allow.Count == 0 ? "(empty)" : string.Join(", ", _allow.Select(p => p.Pattern));
            throw Denied(id, version, $"it is not on the allow list ({list})");
        }

        if (!_policy.AllowPrerelease && version.IsPrerelease)
        {
            throw Denied(id, version, "it is a prerelease and prerelease versions are not allowed (AllowPrerelease is off)");
        }
    }

    /// <summary>
    /// Asks <paramref name="approve"/> about the packages that would be downloaded, when approval is required.
    /// ApprovalDeclined names the packages; a required approval without a callback is declined.
    /// </summary>
    public void EnsureApproved(IReadOnlyList<InstallPlanItem> toDownload, Func<ApprovalRequest, bool>? approve)
    {
        if (!_policy.RequireApproval || toDownload.Count == 0)
        {
            return;
        }

        var request = new ApprovalRequest(toDownload);
        if (approve is null || !approve(request))
        {
            var why = approve is null ? "approval is required (RequireApproval) and no one was asked" : "approval is required (RequireApproval) and was declined";
            throw new DepResolveException(ErrorCode.ApprovalDeclined, $"Installing {request.Target} was refused: {why}.", request.Target);
        }
    }

    private static DepResolveException Denied(string id, NuGetVersion version, string rule) =>
        new(ErrorCode.DeniedByPolicy, $"Installing {id} {version.ToNormalizedString()} was refused: {rule}.", $"{id} {version.ToNormalizedString()}");
}
