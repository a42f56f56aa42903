# depresolve.lock.json for a folder of scripts, on real pwsh against the Publish-PSResource feed: each script keeps
# its own section, so scripts of one folder lock different versions of one module; locked mode fails on drift and
# says what would change; a lock file that cannot be written is a warning, not a refusal to run.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = Get-PublishedFeed
    $script:SavedSettings = Use-IsolatedUserSettings $Feed

    function New-ScriptFolder {
        <# A Contoso project with three scripts: Contoso.Greeting 1.0.0 exactly, Contoso.Greeting 2.0.0 or later, Contoso.Report. #>
        $project = New-ContosoWorkspace
        Remove-Item $project.Deploy
        Set-Content (Join-Path $project.Path 'old.ps1') "#Requires -Modules @{ ModuleName = 'Contoso.Greeting'; RequiredVersion = '1.0.0' }`nGet-ContosoGreeting -Name old"
        Set-Content (Join-Path $project.Path 'new.ps1') "#Requires -Modules @{ ModuleName = 'Contoso.Greeting'; ModuleVersion = '2.0.0' }`nGet-ContosoGreeting -Name new"
        Set-Content (Join-Path $project.Path 'report.ps1') "#Requires -Modules Contoso.Report`nNew-ContosoReport -Title monthly"
        $project
    }

    $script:Expected = @{
        'old.ps1'    = 'Hello, old! (Greeting 1.0.0)'
        'new.ps1'    = 'Hello, new! (Greeting 2.0.0)'
        'report.ps1' = 'Report: monthly'
    }

    function Assert-OwnVersions($Results) {
        @($Results).Count | Should -Be 3
        foreach ($result in $Results) {
            $result.Success | Should -BeTrue -Because "$($result.ScriptName): $($result.ErrorMessage)"
            $result.Output | Should -Match ([regex]::Escape($Expected[$result.ScriptName]))
        }
    }

    function Get-LockedVersions($LockPath) {
        $lock = Get-Content $LockPath -Raw | ConvertFrom-Json -AsHashtable
        $lock.formatVersion | Should -Be 2
        $versions = [ordered]@{}
        foreach ($script in $lock.scripts.Keys | Sort-Object) {
            $versions[$script] = ($lock.scripts[$script].packages.Keys | Sort-Object | ForEach-Object { "$_ $($lock.scripts[$script].packages[$_].version)" }) -join ', '
        }
        $versions
    }

    $script:LockedThree = [ordered]@{
        'new.ps1'    = 'Contoso.Greeting 2.0.0, Contoso.Text 1.2.0'
        'old.ps1'    = 'Contoso.Greeting 1.0.0, Contoso.Text 1.2.0'
        'report.ps1' = 'Contoso.Report 1.0.0, Contoso.Text 1.0.0'
    }
}

AfterAll {
    Restore-UserSettings $SavedSettings
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'Scripts of one folder, each with its own locked versions' {
    It 'three scripts lock Greeting 1.0.0, Greeting 2.0.0 and Report in one lock file and run with them, in sequence and again' {
        $project = New-ScriptFolder
        $first = foreach ($name in 'old.ps1', 'new.ps1', 'report.ps1') { Invoke-ScriptTest (Join-Path $project.Path $name) -CacheDirectory $project.Cache }
        Assert-OwnVersions $first
        (Get-LockedVersions $project.Lock) | ConvertTo-Json -Compress | Should -Be ($LockedThree | ConvertTo-Json -Compress)
        ($first | ForEach-Object EnvironmentId | Sort-Object -Unique).Count | Should -Be 3

        $lockText = Get-Content $project.Lock -Raw
        $second = foreach ($name in 'report.ps1', 'new.ps1', 'old.ps1') { Invoke-ScriptTest (Join-Path $project.Path $name) -CacheDirectory $project.Cache }
        Assert-OwnVersions $second
        Get-Content $project.Lock -Raw | Should -BeExactly $lockText
        ($second | Where-Object CacheHit -eq $false) | Should -BeNullOrEmpty -Because 'the second pass installs nothing'
    }

    It 'the three scripts run in parallel on a cold cache, twice, each with its own version, and the lock keeps every section' {
        $project = New-ScriptFolder
        foreach ($pass in 1, 2) {
            $results = Get-ChildItem (Join-Path $project.Path '*.ps1') | Invoke-ScriptTest -ThrottleLimit 3 -CacheDirectory $project.Cache
            Assert-OwnVersions $results
            (Get-LockedVersions $project.Lock) | ConvertTo-Json -Compress | Should -Be ($LockedThree | ConvertTo-Json -Compress)
        }
    }

    It 'Resolve-ScriptDependency of a second script in the folder resolves it by itself and adds its section' {
        $project = New-ScriptFolder
        Resolve-ScriptDependency (Join-Path $project.Path 'old.ps1') -CacheDirectory $project.Cache | Out-Null
        $result = Resolve-ScriptDependency (Join-Path $project.Path 'report.ps1') -CacheDirectory $project.Cache
        $result.Success | Should -BeTrue -Because $result.ErrorDetails
        @((Get-LockedVersions $project.Lock).Keys) | Should -Be @('old.ps1', 'report.ps1')
    }

    It 'a changed requirement keeps the other locked versions and rewrites only that script''s section' {
        $project = New-ScriptFolder
        foreach ($name in 'old.ps1', 'report.ps1') { Invoke-ScriptTest (Join-Path $project.Path $name) -CacheDirectory $project.Cache | Out-Null }
        Set-Content (Join-Path $project.Path 'old.ps1') "#Requires -Modules @{ ModuleName = 'Contoso.Greeting'; ModuleVersion = '2.0.0' }`nGet-ContosoGreeting -Name old"

        $result = Invoke-ScriptTest (Join-Path $project.Path 'old.ps1') -CacheDirectory $project.Cache

        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match 'Greeting 2\.0\.0'
        $locked = Get-LockedVersions $project.Lock
        $locked['old.ps1'] | Should -Be 'Contoso.Greeting 2.0.0, Contoso.Text 1.2.0'
        $locked['report.ps1'] | Should -Be 'Contoso.Report 1.0.0, Contoso.Text 1.0.0'
    }
}

Describe 'Locked mode' {
    It 'fails a script whose requirements drifted from its section, names what would change, and writes nothing' {
        $project = New-ScriptFolder
        $old = Join-Path $project.Path 'old.ps1'
        Invoke-ScriptTest $old -CacheDirectory $project.Cache | Out-Null
        Invoke-ScriptTest $old -CacheDirectory $project.Cache -LockedMode | ForEach-Object Success | Should -BeTrue
        Set-Content $old "#Requires -Modules @{ ModuleName = 'Contoso.Greeting'; RequiredVersion = '1.0.0' }, Contoso.Report`nGet-ContosoGreeting -Name old"
        $lockText = Get-Content $project.Lock -Raw

        $result = Invoke-ScriptTest $old -CacheDirectory $project.Cache -LockedMode
        $resolved = Resolve-ScriptDependency $old -CacheDirectory $project.Cache -Policy Locked -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Success | Should -BeFalse
        $result.ErrorMessage | Should -Match 'VersionConflict: The lock file .*depresolve\.lock\.json \(section ''old\.ps1''\) is out of date and locked mode forbids changing it'
        $result.ErrorMessage | Should -Match ([regex]::Escape('resolving would have added Contoso.Report 1.0.0; changed Contoso.Text 1.2.0 -> 1.0.0.'))
        $resolved.Success | Should -BeFalse
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'VersionConflict,*'
        "$($failures[0])" | Should -Match 'changed Contoso\.Text 1\.2\.0 -> 1\.0\.0'
        Get-Content $project.Lock -Raw | Should -BeExactly $lockText
    }

    It 'fails a script that has no section yet, listing everything it would add' {
        $project = New-ScriptFolder
        Invoke-ScriptTest (Join-Path $project.Path 'old.ps1') -CacheDirectory $project.Cache | Out-Null

        $result = Invoke-ScriptTest (Join-Path $project.Path 'report.ps1') -CacheDirectory $project.Cache -LockedMode

        $result.Success | Should -BeFalse
        $result.ErrorMessage | Should -Match ([regex]::Escape("(section 'report.ps1') is out of date and locked mode forbids changing it; resolving would have added Contoso.Report 1.0.0, Contoso.Text 1.0.0."))
    }
}

Describe 'Lock files that cannot be written, or live elsewhere' {
    It 'a script in a read-only folder still runs, with a warning naming the lock file' {
        $project = New-ScriptFolder
        $old = Join-Path $project.Path 'old.ps1'
        $cache = Join-Path $TestDrive ([guid]::NewGuid())
        $asRoot = $IsLinux -and (& id -u) -eq '0'
        if ($asRoot) { & chattr +i $project.Path } else { & chmod 555 $project.Path }
        try {
            $all = @(Invoke-ScriptTest $old -CacheDirectory $cache 3>&1)
        }
        finally {
            if ($asRoot) { & chattr -i $project.Path } else { & chmod 755 $project.Path }
        }

        $result = $all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] }
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Output | Should -Match 'Greeting 1\.0\.0'
        "$warnings" | Should -Match ([regex]::Escape("The lock file $($project.Lock) was not written"))
        $project.Lock | Should -Not -Exist
    }

    It 'Invoke-ScriptTest -LockFile writes the script''s section into that file, keyed by its path relative to it' {
        $project = New-ScriptFolder
        $lockPath = Join-Path $project.Path 'locks/team.lock.json'

        $result = Invoke-ScriptTest (Join-Path $project.Path 'report.ps1') -LockFile $lockPath -CacheDirectory $project.Cache

        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        (Get-LockedVersions $lockPath)['../report.ps1'] | Should -Be 'Contoso.Report 1.0.0, Contoso.Text 1.0.0'
        $project.Lock | Should -Not -Exist
    }

    It 'a policy that chooses other versions than the lock pins warns naming the lock file and the ids, and leaves the lock alone' {
        $project = New-ContosoWorkspace
        Resolve-ScriptDependency $project.Deploy -Policy Lowest -CacheDirectory $project.Cache | Out-Null
        $lockText = Get-Content $project.Lock -Raw

        $all = @(Resolve-ScriptDependency $project.Deploy -Policy Highest -CacheDirectory $project.Cache 3>&1)

        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        "$warnings" | Should -Match ([regex]::Escape("The policy Highest chose other versions than the lock file $($project.Lock) (section 'deploy.ps1') pins: Contoso.Greeting 1.0.0 -> 2.0.0, Contoso.Text 1.0.0 -> 1.2.0."))
        Get-Content $project.Lock -Raw | Should -BeExactly $lockText
    }
}
