# The environment an install plan names is the one created, and the cache's own records stay bounded, through the
# published module on real pwsh.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Feed = New-TestFeed -Destination (Join-Path $TestDrive 'feed')

    function New-HelloFolder {
        param([Parameter(Mandatory)][string] $Name)
        $folder = Join-Path $TestDrive $Name
        New-Item -ItemType Directory -Path $folder | Out-Null
        Copy-Item (Join-Path $RepositoryRoot 'examples/hello.ps1') $folder
        [pscustomobject]@{ Folder = $folder; Script = (Join-Path $folder 'hello.ps1'); Cache = (Join-Path $folder 'cache') }
    }
}

AfterAll {
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'The planned environment' {
    It 'the environment -Verbose announces before creating it is the one created, from a folder feed that publishes no hash' {
        $bed = New-HelloFolder 'planned'

        $result = Resolve-ScriptDependency -Path $bed.Script -Repository $Feed -CacheDirectory $bed.Cache -Verbose 4>&1 |
            Tee-Object -Variable stream | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        $result.Success | Should -BeTrue
        $announced = @($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'Create environment (\w+)' } |
            ForEach-Object { [regex]::Match($_.Message, 'Create environment (\w+)').Groups[1].Value })
        $announced | Should -Be @($result.EnvironmentId)
        @(Get-ChildItem (Join-Path $bed.Cache 'locks') -Filter 'env-*.lease').Name | Should -Be @("env-$($result.EnvironmentId).lease")
    }
}

Describe 'Bounded cache records' {
    It 'rotates audit.log at maxAuditLogBytes and keeps auditLogFiles old logs' {
        $bed = New-HelloFolder 'audit'
        Set-Content (Join-Path $bed.Folder 'depresolve.json') '{ "maxAuditLogBytes": 400, "auditLogFiles": 2 }'

        foreach ($i in 1..4) {
            (Resolve-ScriptDependency -Path $bed.Script -Repository $Feed -CacheDirectory $bed.Cache).Success | Should -BeTrue
        }

        Join-Path $bed.Cache 'audit.1.log' | Should -Exist
        Join-Path $bed.Cache 'audit.2.log' | Should -Exist
        Join-Path $bed.Cache 'audit.3.log' | Should -Not -Exist
        Get-ChildItem $bed.Cache -Filter 'audit*.log' | Get-Content | ForEach-Object { { $_ | ConvertFrom-Json } | Should -Not -Throw }
    }

    It 'Clear-DepResolveCache removes the lock and lease files of what it removed' {
        $bed = New-HelloFolder 'clear'
        (Resolve-ScriptDependency -Path $bed.Script -Repository $Feed -CacheDirectory $bed.Cache).Success | Should -BeTrue
        @(Get-ChildItem (Join-Path $bed.Cache 'locks') -Filter 'env-*').Count | Should -BeGreaterThan 0

        Clear-DepResolveCache -CacheDirectory $bed.Cache -Confirm:$false | Out-Null

        @(Get-ChildItem (Join-Path $bed.Cache 'locks') -Filter 'env-*').Count | Should -Be 0
        @(Get-ChildItem (Join-Path $bed.Cache 'locks') -Filter 'pkg-*').Count | Should -Be 0
        Join-Path $bed.Cache 'resolutions' | Should -Not -Exist
    }
}
