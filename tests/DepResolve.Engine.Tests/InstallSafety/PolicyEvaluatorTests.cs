using DepResolve.Engine.InstallSafety;
using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.InstallSafety;

public class PolicyEvaluatorTests
{
    [Fact]
    public void DenyListWithWildcardRefusesNamingPackageAndRule()
    {
        var policy = new PolicyEvaluator(new InstallPolicy { DenyList = ["Evil.*"] });

        var error = Assert.Throws<DepResolveException>(() => policy.EnsureAllowed("evil.Tools", NuGetVersion.Parse("2.0.0")));

        Assert.Equal(ErrorCode.DeniedByPolicy, error.Code);
        Assert.Contains("evil.Tools 2.0.0", error.Message);
        Assert.Contains("deny list entry 'Evil.*'", error.Message);
        policy.EnsureAllowed("Good.Tools", NuGetVersion.Parse("1.0.0"));
    }

    [Fact]
    public void AllowListAdmitsOnlyMatchingIdsAndDenyWins()
    {
        var policy = new PolicyEvaluator(new InstallPolicy { AllowList = ["Pester", "Az.*"], DenyList = ["Az.Secret"] });

        policy.EnsureAllowed("pester", NuGetVersion.Parse("1.0.0"));
        policy.EnsureAllowed("Az.Accounts", NuGetVersion.Parse("1.0.0"));
        var notAllowed = Assert.Throws<DepResolveException>(() => policy.EnsureAllowed("PSReadLine", NuGetVersion.Parse("1.0.0")));
        Assert.Equal(ErrorCode.DeniedByPolicy, notAllowed.Code);
        Assert.Contains("not on the allow list (Pester, Az.*)", notAllowed.Message);
        var denied = Assert.Throws<DepResolveException>(() => policy.EnsureAllowed("Az.Secret", NuGetVersion.Parse("1.0.0")));
        Assert.Contains("deny list", denied.Message);
    }

    [Fact]
    public void PrereleaseIsRefusedUnlessAllowed()
    {
        var error = Assert.Throws<DepResolveException>(() => new PolicyEvaluator(new InstallPolicy()).EnsureAllowed("Foo", NuGetVersion.Parse("2.0.0-beta1")));
        Assert.Equal(ErrorCode.DeniedByPolicy, error.Code);
        Assert.Contains("prerelease", error.Message);

        new PolicyEvaluator(new InstallPolicy { AllowPrerelease = true }).EnsureAllowed("Foo", NuGetVersion.Parse("2.0.0-beta1"));
    }

    [Fact]
    public void ApprovalIsAskedOnlyWhenRequiredAndADeclineNamesThePackages()
    {
        var items = new[] { new InstallPlanItem { Id = "Pester", Version = "5.5.0", Source = "local" } };
        var asked = new List<string>();

        new PolicyEvaluator(new InstallPolicy()).EnsureApproved(items, r => { asked.Add(r.Target); return false; });
        Assert.Empty(asked);

        var required = new PolicyEvaluator(new InstallPolicy { RequireApproval = true });
        required.EnsureApproved(items, r => { asked.Add(r.Target); return true; });
        Assert.Equal(["Pester 5.5.0"], asked);

        var declined = Assert.Throws<DepResolveException>(() => required.EnsureApproved(items, _ => false));
        Assert.Equal(ErrorCode.ApprovalDeclined, declined.Code);
        Assert.Contains("Pester 5.5.0", declined.Message);
        Assert.Contains("RequireApproval", declined.Message);

        var nobody = Assert.Throws<DepResolveException>(() => required.EnsureApproved(items, null));
        Assert.Equal(ErrorCode.ApprovalDeclined, nobody.Code);
    }
}
