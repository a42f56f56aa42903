namespace DepResolve.StandInPwsh;

/// <summary>
/// The error records PowerShell 7.4 writes for these situations: ids, message texts, targets and categories are
/// PowerShell's own (DiscoveryExceptions, Modules and ParserStrings resources, and the ErrorRecord each exception
/// builds).
/// </summary>
internal static class PowerShellErrors
{
    public static ErrorEntry CommandNotFound(string command, Position at) => new()
    {
        Message = $"The term '{command}' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.",
        FullyQualifiedErrorId = "CommandNotFoundException",
        ExceptionType = "System.Management.Automation.CommandNotFoundException",
        TargetObject = command,
        CategoryTargetName = command,
        Category = "ObjectNotFound",
        PositionMessage = at.Message(command.Length),
        ScriptStackTrace = at.StackTrace,
        IsTerminating = true,
    };

    public static ErrorEntry CouldNotAutoload(string command, string module, Position at) => new()
    {
        Message = $"The '{command}' command was found in the module '{module}', but the module could not be loaded. For more information, run 'Import-Module {module}'.",
        FullyQualifiedErrorId = "CouldNotAutoloadMatchingModule",
        ExceptionType = "System.Management.Automation.CommandNotFoundException",
        TargetObject = command,
        CategoryTargetName = command,
        Category = "ObjectNotFound",
        PositionMessage = at.Message(command.Length),
        ScriptStackTrace = at.StackTrace,
        IsTerminating = true,
    };

    public static ErrorEntry ModuleNotFound(string module, Position at) => new()
    {
        Message = $"The specified module '{module}' was not loaded because no valid module file was found in any module directory.",
        FullyQualifiedErrorId = "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand",
        ExceptionType = "System.IO.FileNotFoundException",
        TargetObject = module,
        CategoryTargetName = module,
        Category = "ResourceUnavailable",
        PositionMessage = at.Message("Import-Module".Length),
        ScriptStackTrace = at.StackTrace,
        IsTerminating = false,
    };

    public static ErrorEntry TypeNotFound(string typeName, Position at) => new()
    {
        Message = $"Unable to find type [{typeName}].",
        FullyQualifiedErrorId = "TypeNotFound",
        ExceptionType = "System.Management.Automation.RuntimeException",
        TargetObject = typeName,
        CategoryTargetName = typeName,
        Category = "InvalidOperation",
        PositionMessage = at.Message(typeName.Length + 2),
        ScriptStackTrace = at.StackTrace,
        IsTerminating = true,
    };

    /// <summary>
    /// "The module 'X' cannot be found with ModuleVersion '1.0'." for versioned requirements (7.4's wording);
    /// a bare name for unversioned ones.
    /// </summary>
    public static ErrorEntry RequiresMissingModules(string scriptName, IReadOnlyList<string> missingItems) => new()
    {
        Message = $"The script '{scriptName}' cannot be run because the following modules that are specified by the \"#requires\" statements of the script are missing: {string.Join(", ", missingItems)}.",
        FullyQualifiedErrorId = "ScriptRequiresMissingModules",
        ExceptionType = "System.Management.Automation.ScriptRequiresException",
        TargetObject = scriptName,
        CategoryTargetName = scriptName,
        Category = "ResourceUnavailable",
        IsTerminating = true,
        MissingItems = missingItems.ToList(),
    };

    public static ErrorEntry ModuleNotFoundDuringParse(string moduleText, Position at) => new()
    {
        Message = $"Could not find the module '{moduleText}'.",
        FullyQualifiedErrorId = "ModuleNotFoundDuringParse",
        ExceptionType = "System.Management.Automation.ParseException",
        TargetObject = at.Text,
        Category = "ParserError",
        PositionMessage = at.Message(at.Text.Length),
        IsTerminating = true,
    };

    /// <summary>throw 'x': a RuntimeException whose ErrorRecord id and target are the thrown text.</summary>
    public static ErrorEntry Thrown(string text, Position at) => new()
    {
        Message = text,
        FullyQualifiedErrorId = text,
        ExceptionType = "System.Management.Automation.RuntimeException",
        TargetObject = text,
        CategoryTargetName = text,
        Category = "OperationStopped",
        PositionMessage = at.Message(at.Text.Length),
        ScriptStackTrace = at.StackTrace,
        IsTerminating = true,
    };

    public static ErrorEntry WriteError(string text, Position at) => new()
    {
        Message = text,
        FullyQualifiedErrorId = "Microsoft.PowerShell.Commands.WriteErrorException",
        ExceptionType = "Microsoft.PowerShell.Commands.WriteErrorException",
        Category = "NotSpecified",
        PositionMessage = at.Message(at.Text.Length),
        ScriptStackTrace = at.StackTrace,
        IsTerminating = false,
    };
}

/// <summary>Where a statement is: InvocationInfo.PositionMessage and ScriptStackTrace in PowerShell's format.</summary>
internal sealed record Position(string ScriptPath, int Line, int Column, string Text)
{
    public string StackTrace => $"at <ScriptBlock>, {ScriptPath}: line {Line}";

    public string Message(int length) =>
        $"At {ScriptPath}:{Line} char:{Column}\n+ {Text}\n+ {new string(' ', Column - 1)}{new string('~', Math.Max(1, length))}";
}
