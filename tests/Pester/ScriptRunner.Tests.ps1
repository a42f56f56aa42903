#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    Invoke-ScriptTest against the built module, in pwsh 7.4+ with Pester 5.

    Module under test: $env:DEPRESOLVE_MODULE_PATH when set; otherwise ../../out/DepResolve/<version>/DepResolve.psd1
    relative to this file, where <version> is the ModuleVersion in the repository's DepResolve.psd1 (what
    ./build.ps1 produces).

    Everything runs offline. The tests build a local folder feed in TestDrive: the DemoGreeting module from
    Fixtures/Running, and the Pester 5 module this session has (Pester mode resolves Pester into the run's
    environment like any other dependency), each packed into a .nupkg with Compress-Archive from the module folder
    and a nuspec. The cache ($env:DEPRESOLVE_CACHE) also lives in TestDrive.
#>

BeforeAll {
    $moduleUnderTest = if ($env:DEPRESOLVE_MODULE_PATH) {
        $env:DEPRESOLVE_MODULE_PATH
    } else {
        $repositoryRoot = Join-Path -Path $PSScriptRoot -ChildPath '..' -AdditionalChildPath '..'
        $version = (Import-PowerShellDataFile -LiteralPath (Join-Path -Path $repositoryRoot -ChildPath 'DepResolve.psd1')).ModuleVersion
        Join-Path -Path $repositoryRoot -ChildPath 'out' -AdditionalChildPath 'DepResolve', $version, 'DepResolve.psd1'
    }
    Import-Module -Name $moduleUnderTest -Force -ErrorAction Stop

    $fixtures = Join-Path -Path $PSScriptRoot -ChildPath 'Fixtures' -AdditionalChildPath 'Running'
    $previousCache = $env:DEPRESOLVE_CACHE
    $env:DEPRESOLVE_CACHE = Join-Path -Path $TestDrive -ChildPath 'cache'
    $feed = Join-Path -Path $TestDrive -ChildPath 'feed'
    $null = New-Item -ItemType Directory -Path $feed -Force

    function New-TestModulePackage {
        <# Packs a module folder into <Destination>/<Id>.<Version>.nupkg: module files at the root, plus a nuspec. #>
        param(
            [Parameter(Mandatory)] [string] $ModuleFolder,
            [Parameter(Mandatory)] [string] $Id,
            [Parameter(Mandatory)] [string] $Version,
            [Parameter(Mandatory)] [string[]] $Commands,
            [Parameter(Mandatory)] [string] $Destination
        )

        $staging = Join-Path -Path $TestDrive -ChildPath "staging-$Id"
        $null = New-Item -ItemType Directory -Path $staging -Force
        Copy-Item -Path (Join-Path -Path $ModuleFolder -ChildPath '*') -Destination $staging -Recurse -Force
        Get-ChildItem -LiteralPath $staging -Filter '*.nuspec' -File | Remove-Item -Force
        Get-ChildItem -LiteralPath $staging -Filter 'PSGetModuleInfo.xml' -File -Force | Remove-Item -Force

        $tags = @('PSModule', 'PSIncludes_Function') + @($Commands | ForEach-Object { "PSFunction_$_"; "PSCommand_$_" })
        $nuspec = @"
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd">
  <metadata>
    <id>$Id</id>
    <version>$Version</version>
    <authors>DepResolve tests</authors>
    <description>$Id packed by ScriptRunner.Tests.ps1.</description>
    <tags>$($tags -join ' ')</tags>
  </metadata>
</package>
"@
        Set-Content -LiteralPath (Join-Path -Path $staging -ChildPath "$Id.nuspec") -Value $nuspec -Encoding utf8NoBOM
        $contentTypes = '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="psd1" ContentType="application/octet" /><Default Extension="psm1" ContentType="application/octet" /></Types>'
        Set-Content -LiteralPath (Join-Path -Path $staging -ChildPath '[Content_Types].xml') -Value $contentTypes -Encoding utf8NoBOM

        # Compress-Archive writes only .zip files; a .nupkg is a zip under another name.
        $zip = Join-Path -Path $TestDrive -ChildPath "$Id.$Version.zip"
        $items = @(Get-ChildItem -LiteralPath $staging -Force | ForEach-Object FullName)
        Compress-Archive -LiteralPath $items -DestinationPath $zip -Force
        Move-Item -LiteralPath $zip -Destination (Join-Path -Path $Destination -ChildPath "$Id.$Version.nupkg") -Force
    }

    New-TestModulePackage -ModuleFolder (Join-Path -Path $fixtures -ChildPath 'DemoGreeting') -Id 'DemoGreeting' -Version '1.0.0' `
        -Commands 'Get-DemoGreeting' -Destination $feed

    $pester = Get-Module -Name Pester -ListAvailable | Where-Object { $_.Version.Major -eq 5 } |
        Sort-Object -Property Version -Descending | Select-Object -First 1
    New-TestModulePackage -ModuleFolder $pester.ModuleBase -Id 'Pester' -Version $pester.Version.ToString() `
        -Commands 'Invoke-Pester', 'Describe', 'It', 'Should', 'New-PesterConfiguration' -Destination $feed
}

AfterAll {
    $env:DEPRESOLVE_CACHE = $previousCache
    Remove-Module -Name DepResolve -Force -ErrorAction Ignore
}

Describe 'Invoke-ScriptTest retries a run that revealed a missing module' {
    BeforeAll {
        # A folder of its own: the install the retry makes writes depresolve.lock.json next to the script.
        $greeterFolder = Join-Path -Path $TestDrive -ChildPath 'greeter'
        $null = New-Item -ItemType Directory -Path $greeterFolder -Force
        $greeter = Join-Path -Path $greeterFolder -ChildPath 'Greeter.ps1'
        Copy-Item -LiteralPath (Join-Path -Path $fixtures -ChildPath 'Greeter.ps1') -Destination $greeter
    }

    It 'runs a script failing with CommandNotFoundException against an empty environment, successfully after one automatic retry' {
        $result = Invoke-ScriptTest -Path $greeter -Repository $feed -MaxRetry 1

        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Attempts | Should -Be 2
        ($result.DependenciesAddedOnRetry -join '; ') | Should -Match 'Get-DemoGreeting'
        $result.Output | Should -Match 'Hello, Pester, from DemoGreeting'
        Get-Content -LiteralPath (Join-Path -Path $greeterFolder -ChildPath 'depresolve.lock.json') -Raw | Should -Match '"DemoGreeting"'
    }

    It 'installs the module an earlier run revealed before the next run starts, so that run needs no retry' {
        $result = Invoke-ScriptTest -Path $greeter -Repository $feed -MaxRetry 0

        $result.Success | Should -BeTrue -Because $result.ErrorMessage
        $result.Attempts | Should -Be 1
        (Get-Content -LiteralPath (Join-Path -Path $greeterFolder -ChildPath 'depresolve.lock.json') -Raw | ConvertFrom-Json).scripts.'Greeter.ps1'.revealed | Should -Be @('DemoGreeting')
    }

    It 'reports the missing command with PowerShell''s error id when retries are off' {
        # A folder of its own: the lock file the test above wrote records DemoGreeting as revealed by a run, so a
        # script next to it would have it installed up front.
        $alone = Join-Path -Path $TestDrive -ChildPath 'greeter-no-retry'
        $null = New-Item -ItemType Directory -Path $alone -Force
        Copy-Item -LiteralPath $greeter -Destination $alone
        $result = Invoke-ScriptTest -Path (Join-Path -Path $alone -ChildPath 'Greeter.ps1') -Repository $feed -MaxRetry 0

        $result.Success | Should -BeFalse
        $result.Attempts | Should -Be 1
        $result.Errors.FullyQualifiedErrorId | Should -Contain 'CommandNotFoundException'
        ($result.Errors | Where-Object FullyQualifiedErrorId -EQ 'CommandNotFoundException').TargetObject | Should -Be 'Get-DemoGreeting'
    }
}

Describe 'Invoke-ScriptTest runs a Pester test file' {
    BeforeAll {
        $folder = Join-Path -Path $TestDrive -ChildPath 'calculator'
        $null = New-Item -ItemType Directory -Path $folder -Force
        Copy-Item -LiteralPath (Join-Path -Path $fixtures -ChildPath 'Calculator.ps1') -Destination $folder
        $testFile = Join-Path -Path $folder -ChildPath 'Calculator.Tests.ps1'
        Copy-Item -LiteralPath (Join-Path -Path $fixtures -ChildPath 'Calculator.Checks.ps1') -Destination $testFile
        $report = Join-Path -Path $TestDrive -ChildPath 'calculator-results.xml'

        $result = Invoke-ScriptTest -Path (Join-Path -Path $folder -ChildPath 'Calculator.ps1') -TestPath $testFile `
            -OutputFormat NUnitXml -OutputPath $report -Repository $feed
    }

    It 'returns the passed, failed and skipped counts' {
        $result.Passed | Should -Be 3
        $result.Failed | Should -Be 1
        $result.Skipped | Should -Be 1
        $result.Success | Should -BeFalse
    }

    It 'names the failed test and its message' {
        $result.FailedTests | Should -HaveCount 1
        $result.FailedTests[0] | Should -Match 'is wrong on purpose'
        $result.FailedTests[0] | Should -Match 'Expected 3'
    }

    It 'writes the NUnit report for CI' {
        $report | Should -Exist
        ([xml](Get-Content -LiteralPath $report -Raw)).'test-results'.failures | Should -Be '1'
    }
}

Describe 'Invoke-ScriptTest stops a hung script' {
    It 'kills the script and the process it started when the timeout elapses' {
        $pidFile = Join-Path -Path $TestDrive -ChildPath 'grandchild.pid'
        $hang = Join-Path -Path $TestDrive -ChildPath 'Hang.ps1'
        Set-Content -LiteralPath $hang -Value @"
`$child = Start-Process -FilePath (Get-Process -Id `$PID).Path -ArgumentList '-NoProfile', '-Command', 'Start-Sleep -Seconds 300' -NoNewWindow -PassThru
Set-Content -LiteralPath '$pidFile' -Value `$child.Id
Start-Sleep -Seconds 300
"@

        $result = Invoke-ScriptTest -Path $hang -TimeoutSec 5 -Repository $feed

        $result.TimedOut | Should -BeTrue
        $result.Success | Should -BeFalse
        $grandchild = [int](Get-Content -LiteralPath $pidFile -Raw)
        Wait-Process -Id $grandchild -Timeout 10 -ErrorAction Ignore
        Get-Process -Id $grandchild -ErrorAction Ignore | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-ScriptTest runs many scripts' {
    It 'runs piped scripts in parallel and returns the results in input order' {
        $folder = Join-Path -Path $TestDrive -ChildPath 'many'
        $null = New-Item -ItemType Directory -Path $folder -Force
        foreach ($name in 'a', 'b', 'c', 'd') {
            # The first script is the slowest, so finishing order and input order differ.
            $delay = if ($name -eq 'a') { 2000 } else { 200 }
            Set-Content -LiteralPath (Join-Path -Path $folder -ChildPath "$name.ps1") -Value "Start-Sleep -Milliseconds $delay; 'script $name'"
        }

        $results = @(Get-ChildItem -LiteralPath $folder -Filter '*.ps1' | Sort-Object -Property Name |
            Invoke-ScriptTest -ThrottleLimit 4 -Repository $feed)

        $results | Should -HaveCount 4
        ($results.ScriptName -join ',') | Should -Be 'a.ps1,b.ps1,c.ps1,d.ps1'
        foreach ($result in $results) {
            $result.Success | Should -BeTrue -Because $result.ErrorMessage
        }
        (($results | ForEach-Object { $_.Output.Trim() }) -join ',') | Should -Be 'script a,script b,script c,script d'
    }
}
