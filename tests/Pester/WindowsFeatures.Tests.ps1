# Modules that ship with Windows, a Windows feature or role (ActiveDirectory, GroupPolicy, ScheduledTasks, ...):
# no feed can install them, so DepResolve says so, naming the module, instead of asking the feeds for them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = New-TestFeed -Destination (Join-Path $TestDrive 'feed')
    $script:Cache = Join-Path $TestDrive 'cache'

    function New-Script([string] $Name, [string] $Text) {
        $folder = Join-Path $TestDrive "scripts-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        New-Item -ItemType Directory -Force $folder | Out-Null
        $path = Join-Path $folder $Name
        Set-Content $path $Text
        $path
    }
}

AfterAll {
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Modules that ship with Windows' {
    It 'stops a script that declares one with the reason, naming the module, and writes no lock file' {
        $path = New-Script 'gpo.ps1' "#Requires -Modules GroupPolicy`nGet-GPO -All"
        Resolve-ScriptDependency -Path $path -Repository $Feed -CacheDirectory $Cache -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PackageNotFound,*'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape('module GroupPolicy ships with Windows (RSAT feature), not installable from a gallery'))
        Test-Path (Join-Path (Split-Path $path) 'depresolve.lock.json') | Should -BeFalse
    }

    It 'lists their commands as unresolvable, naming the module each comes from' {
        $path = New-Script 'server.ps1' "Get-ScheduledTask`nTest-NetConnection localhost`nInstall-WindowsFeature Web-Server`nGet-ClusterNode"
        $items = @(Get-ScriptDependency $path -CacheDirectory $Cache -WarningAction SilentlyContinue)
        $items | Should -HaveCount 4
        $items | ForEach-Object { $_.IsUnresolvable | Should -BeTrue -Because $_.Name }
        $items[0].MappingReason | Should -Be 'Get-ScheduledTask comes from ScheduledTasks, which ships with Windows, not installable from a gallery'
        $items[1].MappingReason | Should -Match '^Test-NetConnection comes from NetTCPIP, '
        $items[2].MappingReason | Should -Match '^Install-WindowsFeature comes from ServerManager, which ships with Windows Server'
        $items[3].MappingReason | Should -Match '^Get-ClusterNode comes from FailoverClusters, which ships with Windows \(RSAT feature\)'
    }

    It 'runs a script that uses one only on Windows, warning with the reason' {
        $path = New-Script 'tasks.ps1' "if (`$IsWindows) { Get-ScheduledTask | Out-Null }`n'ran'"
        $result = Invoke-ScriptTest $path -Repository $Feed -CacheDirectory $Cache -WarningVariable warnings -WarningAction SilentlyContinue
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        ($warnings -join "`n") | Should -Match ([regex]::Escape('Get-ScheduledTask was not mapped to a package (Get-ScheduledTask comes from ScheduledTasks, which ships with Windows, not installable from a gallery)'))
    }
}
