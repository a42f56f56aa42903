using DepResolve.Engine.Analysis.DotNet;

namespace DepResolve.Engine.Tests.Analysis.DotNet;

public sealed class DotNetNamespaceClassifierTests
{
    [Fact]
    public void The_running_shared_framework_is_indexed_from_its_trusted_platform_assemblies()
    {
        var index = FrameworkNamespaceIndex.Shared;

        Assert.True(index.IsAvailable);
        Assert.True(index.NamespaceCount > 100);
        Assert.True(index.TryResolve("System.Collections.Generic", out _, out var assembly));
        Assert.False(assembly.IsDesktop);
        Assert.True(index.TryResolve("System.Text.Encoding.UTF8", out var ns, out _));
        Assert.Equal("System.Text", ns);
        Assert.False(index.TryResolve("System.Data.SqlClient.SqlConnection", out _, out _));
        Assert.False(index.TryResolve("Microsoft.Extensions.Logging", out _, out _), "ASP.NET Core's framework is the test host's, not the script's");
    }

    [Fact]
    public void System_Data_SqlClient_is_a_package_although_the_framework_has_a_namespace_of_that_name()
    {
        // System.Data.Common defines System.Data.SqlClient.SortOrder, so the index alone would call it built in.
        Assert.True(FrameworkNamespaceIndex.Shared.TryResolve("System.Data.SqlClient", out _, out _));

        var classification = DotNetNamespaceClassifier.Default.Classify("System.Data.SqlClient");

        Assert.False(classification.IsBuiltIn);
        Assert.Equal("System.Data.SqlClient", classification.PackageId);
    }

    [Theory]
    [InlineData("System.Linq", NamespaceOrigin.SharedFramework)]
    [InlineData("Microsoft.Win32", NamespaceOrigin.SharedFramework)]
    [InlineData("Microsoft.CSharp.RuntimeBinder", NamespaceOrigin.SharedFramework)]
    [InlineData("System.Management.Automation.Language", NamespaceOrigin.PowerShellHost)]
    [InlineData("Microsoft.PowerShell.Commands", NamespaceOrigin.PowerShellHost)]
    [InlineData("System.Data.SqlClient", NamespaceOrigin.KnownPackage)]
    [InlineData("System.Management", NamespaceOrigin.KnownPackage)]
    [InlineData("System.DirectoryServices.AccountManagement", NamespaceOrigin.KnownPackage)]
    [InlineData("System.Reactive.Linq", NamespaceOrigin.KnownPackage)]
    [InlineData("System.Windows.Forms", NamespaceOrigin.WindowsDesktop)]
    [InlineData("Contoso.Widgets", NamespaceOrigin.Unknown)]
    internal void Names_are_classified_by_host_then_curated_table_then_framework(string name, NamespaceOrigin origin)
    {
        Assert.Equal(origin, DotNetNamespaceClassifier.Default.Classify(name).Origin);
    }

    [Fact]
    public void Without_framework_assemblies_the_framework_roots_are_built_in_but_the_package_exceptions_still_hold()
    {
        var classifier = new DotNetNamespaceClassifier(FrameworkNamespaceIndex.FromAssemblies([]));

        Assert.True(classifier.Classify("System.Text.Json").IsBuiltIn);
        Assert.True(classifier.Classify("Microsoft.VisualBasic.FileIO").IsBuiltIn);
        var sqlClient = classifier.Classify("System.Data.SqlClient");
        Assert.False(sqlClient.IsBuiltIn);
        Assert.Equal("System.Data.SqlClient", sqlClient.PackageId);
        Assert.False(classifier.Classify("Contoso.Widgets").IsBuiltIn);
    }
}
