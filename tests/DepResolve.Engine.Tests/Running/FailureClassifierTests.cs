using DepResolve.Engine.Model;
using DepResolve.Engine.Running;

namespace DepResolve.Engine.Tests.Running;

/// <summary>
/// Every error form the classifier knows, with the ids and message texts PowerShell 7 itself produces
/// (DiscoveryExceptions.resx, Modules.resx, ParserStrings.resx, AddTypeStrings.resx, AddTypeCommand's
/// HandleCompilerErrors, and Roslyn's own CS0246/CS0234 texts — the latter produced live by the compiler here).
/// </summary>
public sealed class FailureClassifierTests
{
    private const string TermNotRecognized74 =
        "The term 'Get-DemoGreeting' is not recognized as a name of a cmdlet, function, script file, or executable program.\n" +
        "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.";

    private const string TermNotRecognized70 =
        "The term 'Get-DemoGreeting' is not recognized as the name of a cmdlet, function, script file, or operable program.\n" +
        "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.";

    [Fact]
    public void DiscoveryExceptions_CommandNotFoundException_74_wording_gives_the_command_from_TargetObject()
    {
        var error = new ScriptError { FullyQualifiedErrorId = "CommandNotFoundException", Message = TermNotRecognized74, TargetObject = "Get-DemoGreeting", ScriptPosition = "At /s/x.ps1:3 char:1\n+ Get-DemoGreeting" };

        var found = FailureClassifier.Classify(new[] { error }, "/s/x.ps1");

        var dependency = Assert.Single(found);
        Assert.Equal("Get-DemoGreeting", dependency.Name);
        Assert.Equal(DependencyKind.Command, dependency.Kind);
        Assert.Equal(DependencyEvidence.CommandUsage, dependency.Evidence);
        Assert.Equal(3, dependency.Line);
        Assert.Equal("Get-DemoGreeting", error.TargetName);
    }

    [Fact]
    public void DiscoveryExceptions_CommandNotFoundException_70_wording_is_read_from_the_message_when_there_is_no_target()
    {
        var error = new ScriptError { FullyQualifiedErrorId = "CommandNotFoundException", Message = TermNotRecognized70 };

        Assert.Equal("Get-DemoGreeting", Assert.Single(FailureClassifier.Classify(new[] { error })).Name);
    }

    [Theory]
    [InlineData("./missing-helper.ps1")]
    [InlineData("C:\\tools\\thing.exe")]
    public void A_missing_script_or_executable_path_is_not_a_package(string name)
    {
        var error = new ScriptError { FullyQualifiedErrorId = "CommandNotFoundException", Message = $"The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable program.", TargetObject = name };

        Assert.Empty(FailureClassifier.Classify(new[] { error }));
    }

    [Fact]
    public void CommandNotFoundException_raised_inside_Import_Module_is_not_a_missing_command()
    {
        // Seen in the wild for a missing format file: same exception name, but the id carries the cmdlet.
        var error = new ScriptError { FullyQualifiedErrorId = "CommandNotFoundException,Microsoft.PowerShell.Commands.ImportModuleCommand", Message = "Could not find a part of the path '/tmp/x/exchange.format.ps1xml'." };

        Assert.Empty(FailureClassifier.Classify(new[] { error }));
    }

    [Theory]
    [InlineData("The 'Get-DemoGreeting' command was found in the module 'Demo', but the module could not be loaded. For more information, run 'Import-Module Demo'.")]
    [InlineData("The 'Get-DemoGreeting' command was found in the module 'Demo', but the module could not be loaded due to the following error: [boom]\nFor more information, run 'Import-Module Demo'.")]
    public void DiscoveryExceptions_CouldNotAutoImportMatchingModule_is_never_a_missing_dependency(string message)
    {
        // Thrown as a CommandNotFoundException, but with its own id: the module is there and broken.
        var error = new ScriptError { FullyQualifiedErrorId = "CouldNotAutoloadMatchingModule", ExceptionType = "System.Management.Automation.CommandNotFoundException", Message = message, TargetObject = "Get-DemoGreeting" };

        Assert.Empty(FailureClassifier.Classify(new[] { error }));
        Assert.Null(error.TargetName);
    }

    [Fact]
    public void DiscoveryExceptions_RequiresMissingModules_73_wording_lists_bare_names()
    {
        var error = new ScriptError
        {
            FullyQualifiedErrorId = "ScriptRequiresMissingModules",
            Message = "The script 'Get-CRTReport.ps1' cannot be run because the following modules that are specified by the \"#requires\" statements of the script are missing: ExchangeOnlineManagement, AzureAD.",
            TargetObject = "Get-CRTReport.ps1",
        };

        var found = FailureClassifier.Classify(new[] { error });

        Assert.Equal(new[] { "ExchangeOnlineManagement", "AzureAD" }, found.Select(d => d.Name));
        Assert.All(found, d => Assert.Equal(DependencyEvidence.Requires, d.Evidence));
    }

    [Theory]
    [InlineData("The module 'CosmosDB' cannot be found with RequiredVersion '4.6.0'.", "[4.6.0, 4.6.0]")]
    [InlineData("The module 'CosmosDB' cannot be found with ModuleVersion '4.6.0'.", "[4.6.0, )")]
    [InlineData("The module 'CosmosDB' cannot be found with MaximumVersion '4.6.0'.", "(, 4.6.0]")]
    public void Modules_RequiredModuleNotFound_74_items_carry_the_version_the_script_asked_for(string item, string range)
    {
        var error = new ScriptError
        {
            FullyQualifiedErrorId = "ScriptRequiresMissingModules",
            Message = "The script 'test.ps1' cannot be run because the following modules that are specified by the \"#requires\" statements of the script are missing: " + item,
            MissingItems = new[] { item },
        };

        var dependency = Assert.Single(FailureClassifier.Classify(new[] { error }));

        Assert.Equal("CosmosDB", dependency.Name);
        Assert.Equal(range, dependency.VersionRange);
    }

    [Fact]
    public void A_missing_module_item_in_another_wording_still_gives_the_module_not_the_sentence()
    {
        const string item = "Module 'CosmosDB' (ModuleVersion '4.6.0') is not installed.";
        var error = new ScriptError { FullyQualifiedErrorId = "ScriptRequiresMissingModules", MissingItems = new[] { item } };

        var dependency = Assert.Single(FailureClassifier.Classify(new[] { error }));

        Assert.Equal("CosmosDB", dependency.Name);
        Assert.Equal("[4.6.0, )", dependency.VersionRange);
    }

    [Fact]
    public void Modules_ModuleNotFound_from_Import_Module_gives_the_module()
    {
        var error = new ScriptError
        {
            FullyQualifiedErrorId = "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand",
            Message = "The specified module 'CosmosDB' was not loaded because no valid module file was found in any module directory.",
            ExceptionType = "System.IO.FileNotFoundException",
            TargetObject = "CosmosDB",
        };

        var dependency = Assert.Single(FailureClassifier.Classify(new[] { error }));

        Assert.Equal(("CosmosDB", DependencyKind.Module, DependencyEvidence.ImportModule), (dependency.Name, dependency.Kind, dependency.Evidence));
    }

    [Fact]
    public void Import_Module_of_a_path_that_is_not_there_is_the_script_s_own_problem()
    {
        var error = new ScriptError
        {
            FullyQualifiedErrorId = "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand",
            Message = "The specified module './lib/Helpers.psm1' was not loaded because no valid module file was found in any module directory.",
        };

        Assert.Empty(FailureClassifier.Classify(new[] { error }));
    }

    [Theory]
    [InlineData("Could not find the module 'StorageDsc'.", "StorageDsc", null)]
    [InlineData("Could not find the module '<xActiveDirectory, 6.0.1>'.", "xActiveDirectory", "[6.0.1, )")]
    [InlineData("Could not find the module '@{ ModuleName = 'Demo.Tools'; ModuleVersion = '2.1' }'.", "Demo.Tools", "[2.1.0, )")]
    public void ParserStrings_ModuleNotFoundDuringParse_gives_the_using_module_name(string message, string name, string? range)
    {
        var error = new ScriptError { FullyQualifiedErrorId = "ModuleNotFoundDuringParse", Message = message, ExceptionType = "System.Management.Automation.ParseException" };

        var dependency = Assert.Single(FailureClassifier.Classify(new[] { error }));

        Assert.Equal((name, range, DependencyEvidence.UsingModule), (dependency.Name, dependency.VersionRange, dependency.Evidence));
    }

    [Theory]
    [InlineData("TypeNotFound", "Unable to find type [PowerForensics.Ntfs.FileRecord].", "PowerForensics.Ntfs.FileRecord")]
    [InlineData("TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand", "Cannot find type [VMCreationInfo]: verify that the assembly containing this type is loaded.", "VMCreationInfo")]
    public void ParserStrings_TypeNotFound_gives_the_type_name(string id, string message, string type)
    {
        var error = new ScriptError { FullyQualifiedErrorId = id, Message = message, TargetObject = type };

        var dependency = Assert.Single(FailureClassifier.Classify(new[] { error }));

        Assert.Equal((type, DependencyKind.Assembly, DependencyEvidence.TypeLiteral), (dependency.Name, dependency.Kind, dependency.Evidence));
    }

    [Fact]
    public void TypeNotFoundWithMessage_is_a_type_that_exists_but_does_not_fit()
    {
        var error = new ScriptError
        {
            FullyQualifiedErrorId = "TypeNotFoundWithMessage",
            Message = "Unable to find type [System.Nullable[string]]. Details: GenericArguments[0], 'System.String', on 'System.Nullable`1[T]' violates the constraint of type 'T'.",
        };

        Assert.Empty(FailureClassifier.Classify(new[] { error }));
    }

    [Fact]
    public void AddType_SOURCE_CODE_ERROR_CS0246_on_a_using_line_gives_the_whole_namespace()
    {
        // AddTypeCommand.BuildErrorMessage: the Roslyn diagnostic, the source line, a caret line.
        var message = "(1,7): error CS0246: The type or namespace name 'Newtonsoft' could not be found (are you missing a using directive or an assembly reference?)\n" +
                      "using Newtonsoft.Json;\n      ^\n";
        var errors = new[]
        {
            new ScriptError { FullyQualifiedErrorId = "SOURCE_CODE_ERROR,Microsoft.PowerShell.Commands.AddTypeCommand", Message = message },
            new ScriptError { FullyQualifiedErrorId = "COMPILER_ERRORS,Microsoft.PowerShell.Commands.AddTypeCommand", Message = "Cannot add type. Compilation errors occurred.", IsTerminating = true },
        };

        var dependency = Assert.Single(FailureClassifier.Classify(errors));

        Assert.Equal(("Newtonsoft.Json", DependencyKind.NuGetPackage, DependencyEvidence.AddType), (dependency.Name, dependency.Kind, dependency.Evidence));
    }

    [Fact]
    public void AddType_SOURCE_CODE_ERROR_CS0234_gives_namespace_and_name()
    {
        var message = "(3,20): error CS0234: The type or namespace name 'Yaml' does not exist in the namespace 'Demo' (are you missing an assembly reference?)\n" +
                      "    var x = new Demo.Yaml.Parser();\n                   ^\n";
        var error = new ScriptError { FullyQualifiedErrorId = "SOURCE_CODE_ERROR,Microsoft.PowerShell.Commands.AddTypeCommand", Message = message };

        Assert.Equal("Demo.Yaml", Assert.Single(FailureClassifier.Classify(new[] { error })).Name);
    }

    [Fact]
    public void Roslyn_s_own_CS0246_and_CS0234_texts_are_recognised()
    {
        // Produce the diagnostics live, so the texts are the compiler's, not a copy.
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("using Missing.Library;\nclass C { System.Collections.Nope.Thing t; }");
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("t", new[] { tree },
            new[] { Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Id is "CS0246" or "CS0234")
            .Select(d => new ScriptError { FullyQualifiedErrorId = "SOURCE_CODE_ERROR,Microsoft.PowerShell.Commands.AddTypeCommand", Message = d.ToString() + "\n" + tree.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line] + "\n" })
            .ToList();

        var names = FailureClassifier.Classify(errors).Select(d => d.Name).OrderBy(n => n).ToList();

        Assert.Equal(new[] { "Missing.Library", "System.Collections.Nope" }, names);
    }

    [Theory]
    [InlineData("Oops, the input was empty", "Oops, the input was empty")]
    [InlineData("Microsoft.PowerShell.Commands.WriteErrorException", "Something went wrong")]
    [InlineData("PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand", "Cannot find path '/nope' because it does not exist.")]
    [InlineData("MethodInvocationException", "Exception calling \"Parse\" with \"1\" argument(s): \"Input string was not in a correct format.\"")]
    public void Ordinary_script_errors_are_not_dependencies(string id, string message)
    {
        Assert.Empty(FailureClassifier.Classify(new[] { new ScriptError { FullyQualifiedErrorId = id, Message = message } }));
    }

    [Fact]
    public void The_same_missing_command_reported_twice_is_one_dependency()
    {
        var errors = Enumerable.Range(0, 2).Select(_ => new ScriptError { FullyQualifiedErrorId = "CommandNotFoundException", Message = TermNotRecognized74, TargetObject = "Get-DemoGreeting" });

        Assert.Single(FailureClassifier.Classify(errors));
    }
}
