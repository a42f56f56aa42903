namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// Fallback list of commands and default aliases that ship with PowerShell 7.4 (the modules under $PSHOME
/// and the language keywords-as-commands), used when no session list is given. Inside a session the cmdlet
/// layer supplies the session's real list instead.
/// </summary>
public static class CorePowerShellCommands
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        // Microsoft.PowerShell.Core
        "Add-History", "Clear-History", "Clear-Host", "Connect-PSSession", "Debug-Job", "Disable-ExperimentalFeature",
        "Disable-PSRemoting", "Disable-PSSessionConfiguration", "Disconnect-PSSession", "Enable-ExperimentalFeature",
        "Enable-PSRemoting", "Enable-PSSessionConfiguration", "Enter-PSHostProcess", "Enter-PSSession", "Exit-PSHostProcess",
        "Exit-PSSession", "Export-ModuleMember", "ForEach-Object", "Get-Command", "Get-ExperimentalFeature", "Get-Help",
        "Get-History", "Get-Job", "Get-Module", "Get-PSHostProcessInfo", "Get-PSSession", "Get-PSSessionCapability",
        "Get-PSSessionConfiguration", "Get-PSSubsystem", "Get-Verb", "Import-Module", "Invoke-Command", "Invoke-History",
        "New-Module", "New-ModuleManifest", "New-PSRoleCapabilityFile", "New-PSSession", "New-PSSessionConfigurationFile",
        "New-PSSessionOption", "New-PSTransportOption", "Out-Default", "Out-Host", "Out-Null", "Receive-Job",
        "Receive-PSSession", "Register-ArgumentCompleter", "Register-PSSessionConfiguration", "Remove-Job", "Remove-Module",
        "Remove-PSSession", "Save-Help", "Set-PSDebug", "Set-PSSessionConfiguration", "Set-StrictMode", "Start-Job",
        "Stop-Job", "Switch-Process", "Test-ModuleManifest", "Test-PSSessionConfigurationFile", "Unregister-PSSessionConfiguration",
        "Update-Help", "Wait-Job", "Where-Object", "TabExpansion2", "prompt", "oss", "Pause", "help", "more", "cd..", "cd\\",
        // Microsoft.PowerShell.Utility
        "Add-Member", "Add-Type", "Clear-Variable", "Compare-Object", "ConvertFrom-CliXml", "ConvertFrom-Csv", "ConvertFrom-Json",
        "ConvertFrom-Markdown", "ConvertFrom-SddlString", "ConvertFrom-StringData", "ConvertTo-CliXml", "ConvertTo-Csv",
        "ConvertTo-Html", "ConvertTo-Json", "ConvertTo-Xml", "Debug-Runspace", "Disable-PSBreakpoint", "Disable-RunspaceDebug",
        "Enable-PSBreakpoint", "Enable-RunspaceDebug", "Export-Alias", "Export-Clixml", "Export-Csv", "Export-FormatData",
        "Export-PSSession", "Format-Custom", "Format-Hex", "Format-List", "Format-Table", "Format-Wide", "Get-Alias",
        "Get-Culture", "Get-Date", "Get-Error", "Get-Event", "Get-EventSubscriber", "Get-FileHash", "Get-FormatData", "Get-Host",
        "Get-MarkdownOption", "Get-Member", "Get-PSBreakpoint", "Get-PSCallStack", "Get-Random", "Get-Runspace",
        "Get-RunspaceDebug", "Get-SecureRandom", "Get-TraceSource", "Get-TypeData", "Get-UICulture", "Get-Unique", "Get-Uptime",
        "Get-Variable", "Group-Object", "Import-Alias", "Import-Clixml", "Import-Csv", "Import-LocalizedData",
        "Import-PowerShellDataFile", "Import-PSSession", "Invoke-Expression", "Invoke-RestMethod", "Invoke-WebRequest",
        "Join-String", "Measure-Command", "Measure-Object", "New-Alias", "New-Event", "New-Guid", "New-Object",
        "New-TemporaryFile", "New-TimeSpan", "New-Variable", "Out-File", "Out-GridView", "Out-Printer", "Out-String",
        "Read-Host", "Register-EngineEvent", "Register-ObjectEvent", "Remove-Alias", "Remove-Event", "Remove-PSBreakpoint",
        "Remove-TypeData", "Remove-Variable", "Select-Object", "Select-String", "Select-Xml", "Send-MailMessage", "Set-Alias",
        "Set-Date", "Set-MarkdownOption", "Set-PSBreakpoint", "Set-TraceSource", "Set-Variable", "Show-Command",
        "Show-Markdown", "Sort-Object", "Start-Sleep", "Tee-Object", "Test-Json", "Trace-Command", "Unblock-File",
        "Unregister-Event", "Update-FormatData", "Update-List", "Update-TypeData", "Wait-Debugger", "Wait-Event",
        "Write-Debug", "Write-Error", "Write-Host", "Write-Information", "Write-Output", "Write-Progress", "Write-Verbose",
        "Write-Warning",
        // Microsoft.PowerShell.Management
        "Add-Content", "Clear-Content", "Clear-Item", "Clear-ItemProperty", "Clear-RecycleBin", "Convert-Path", "Copy-Item",
        "Copy-ItemProperty", "Debug-Process", "Get-Clipboard", "Get-ChildItem", "Get-ComputerInfo", "Get-Content",
        "Get-HotFix", "Get-Item", "Get-ItemProperty", "Get-ItemPropertyValue", "Get-Location", "Get-Process", "Get-PSDrive",
        "Get-PSProvider", "Get-Service", "Get-TimeZone", "Invoke-Item", "Join-Path", "Move-Item", "Move-ItemProperty",
        "New-Item", "New-ItemProperty", "New-PSDrive", "New-Service", "Pop-Location", "Push-Location", "Remove-Item",
        "Remove-ItemProperty", "Remove-PSDrive", "Remove-Service", "Rename-Computer", "Rename-Item", "Rename-ItemProperty",
        "Resolve-Path", "Restart-Computer", "Restart-Service", "Resume-Service", "Set-Clipboard", "Set-Content", "Set-Item",
        "Set-ItemProperty", "Set-Location", "Set-Service", "Set-TimeZone", "Split-Path", "Start-Process", "Start-Service",
        "Stop-Computer", "Stop-Process", "Stop-Service", "Suspend-Service", "Test-Connection", "Test-Path", "Wait-Process",
        "Get-CimAssociatedInstance", "Get-CimClass", "Get-CimInstance", "Get-CimSession", "Invoke-CimMethod",
        "New-CimInstance", "New-CimSession", "New-CimSessionOption", "Register-CimIndicationEvent", "Remove-CimInstance",
        "Remove-CimSession", "Set-CimInstance", "Export-BinaryMiLog", "Import-BinaryMiLog",
        // Microsoft.PowerShell.Security
        "ConvertFrom-SecureString", "ConvertTo-SecureString", "Get-Acl", "Get-AuthenticodeSignature", "Get-CmsMessage",
        "Get-Credential", "Get-ExecutionPolicy", "Get-PfxCertificate", "New-FileCatalog", "Protect-CmsMessage", "Set-Acl",
        "Set-AuthenticodeSignature", "Set-ExecutionPolicy", "Test-FileCatalog", "Unprotect-CmsMessage",
        // Microsoft.PowerShell.Host, Diagnostics, Archive, ThreadJob, PSReadLine, WSMan, PSDiagnostics
        "Start-Transcript", "Stop-Transcript", "Get-Counter", "Get-WinEvent", "New-WinEvent", "Compress-Archive",
        "Expand-Archive", "Start-ThreadJob", "Get-PSReadLineKeyHandler", "Get-PSReadLineOption", "Remove-PSReadLineKeyHandler",
        "Set-PSReadLineKeyHandler", "Set-PSReadLineOption", "PSConsoleHostReadLine", "Connect-WSMan", "Disconnect-WSMan",
        "Get-WSManInstance", "Invoke-WSManAction", "New-WSManInstance", "New-WSManSessionOption", "Remove-WSManInstance",
        "Set-WSManInstance", "Set-WSManQuickConfig", "Test-WSMan", "Enable-PSTrace", "Disable-PSTrace",
        // PowerShellGet, PackageManagement and PSResourceGet ship with PowerShell 7.4
        "Find-Module", "Find-Script", "Find-Command", "Find-DscResource", "Find-RoleCapability", "Get-InstalledModule",
        "Get-InstalledScript", "Get-PSRepository", "Install-Module", "Install-Script", "New-ScriptFileInfo", "Publish-Module",
        "Publish-Script", "Register-PSRepository", "Save-Module", "Save-Script", "Set-PSRepository", "Test-ScriptFileInfo",
        "Uninstall-Module", "Uninstall-Script", "Unregister-PSRepository", "Update-Module", "Update-ModuleManifest",
        "Update-Script", "Update-ScriptFileInfo", "Find-Package", "Find-PackageProvider", "Get-Package", "Get-PackageProvider",
        "Get-PackageSource", "Import-PackageProvider", "Install-Package", "Install-PackageProvider", "Register-PackageSource",
        "Save-Package", "Set-PackageSource", "Uninstall-Package", "Unregister-PackageSource", "Find-PSResource",
        "Get-InstalledPSResource", "Get-PSResourceRepository", "Install-PSResource", "Publish-PSResource",
        "Register-PSResourceRepository", "Save-PSResource", "Set-PSResourceRepository", "Uninstall-PSResource",
        "Unregister-PSResourceRepository", "Update-PSResource", "Compress-PSResource", "Get-PSScriptFileInfo",
        "New-PSScriptFileInfo", "Test-PSScriptFileInfo", "Update-PSScriptFileInfo", "Update-PSModuleManifest",
        "Import-PSGetRepository", "Reset-PSResourceRepository",
        // Default aliases (those present on every platform, plus the Windows-only ones)
        "%", "?", "ac", "cat", "cd", "chdir", "clc", "clear", "clhy", "cli", "clp", "cls", "clv", "cnsn", "compare", "copy", "cp",
        "cpi", "cpp", "cvpa", "dbp", "del", "diff", "dir", "dnsn", "ebp", "echo", "epal", "epcsv", "erase", "etsn", "exsn", "fc",
        "fhx", "fl", "foreach", "ft", "fw", "gal", "gbp", "gc", "gcb", "gci", "gcm", "gcs", "gdr", "gerr", "ghy", "gi", "gin", "gjb",
        "gl", "gm", "gmo", "gp", "gps", "gpv", "group", "gsn", "gsv", "gtz", "gu", "gv", "h", "history", "icm", "iex", "ihy", "ii",
        "ipal", "ipcsv", "ipmo", "irm", "iwr", "kill", "lp", "ls", "man", "md", "measure", "mi", "mount", "move", "mp", "mv", "nal",
        "ndr", "ni", "nmo", "nsn", "nv", "ogv", "oh", "popd", "ps", "pushd", "pwd", "r", "rbp", "rcjb", "rcsn", "rd", "rdr", "ren",
        "ri", "rjb", "rm", "rmdir", "rmo", "rni", "rnp", "rp", "rsn", "rv", "rvpa", "rwmi", "sajb", "sal", "saps", "sasv", "sbp",
        "scb", "select", "set", "shcm", "si", "sl", "sleep", "sls", "sort", "sp", "spjb", "spps", "spsv", "start", "stz", "sv", "tee",
        "type", "where", "wjb", "write", "gwmi", "iwmi", "swmi", "rwmi", "gcim", "icim", "ncim", "rcim", "scim", "gsnp", "asnp",
        "rsnp", "npssc", "ise", "curl", "wget",
    };

    private static readonly HashSet<string> Modules = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.PowerShell.Core", "Microsoft.PowerShell.Utility", "Microsoft.PowerShell.Management",
        "Microsoft.PowerShell.Security", "Microsoft.PowerShell.Host", "Microsoft.PowerShell.Diagnostics",
        "Microsoft.PowerShell.Archive", "Microsoft.PowerShell.PSResourceGet", "Microsoft.WSMan.Management", "CimCmdlets",
        "PSReadLine", "ThreadJob", "PowerShellGet", "PackageManagement", "PSDiagnostics",
    };

    /// <summary>Whether the module ships with PowerShell 7.4 (under $PSHOME/Modules).</summary>
    public static bool IsCoreModule(string moduleName) => Modules.Contains(moduleName);

    /// <summary>Whether the name is a command or default alias that ships with PowerShell.</summary>
    public static bool Contains(string commandName) => Names.Contains(commandName);
}
