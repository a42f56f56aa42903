# A feed that accepts connections and never answers ends a resolution at its deadline (resolutionTimeout in
# depresolve.json) with a Timeout error naming the URL, instead of waiting out every request's retries.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    # Listening without ever accepting: the kernel completes each connection and nothing ever answers.
    $script:Listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $Listener.Start()
    $script:HungFeed = "http://127.0.0.1:$($Listener.LocalEndpoint.Port)/v3/index.json"
    $script:Folder = Join-Path $TestDrive 'hung'
    New-Item -ItemType Directory -Path $Folder | Out-Null
    # Each request alone may wait 20 s (five attempts: 100 s); the resolution as a whole only 2 s.
    Set-Content (Join-Path $Folder 'depresolve.json') '{ "resolutionTimeout": 2, "requestTimeout": 20 }'
    $script:Script = Join-Path $Folder 'greet.ps1'
    Set-Content $Script "#Requires -Modules Demo.Greeting`nGet-Greeting"
}

AfterAll {
    $Listener.Stop()
    Remove-Module DepResolve -ErrorAction SilentlyContinue
}

Describe 'A feed that accepts and never answers' {
    It 'fails the resolution at resolutionTimeout with Timeout naming the URL, writing no lock file' {
        Resolve-ScriptDependency -Path $Script -Repository $HungFeed -CacheDirectory (Join-Path $TestDrive 'cache') -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null

        $failures[0].FullyQualifiedErrorId | Should -Be 'Timeout,DepResolve.Cmdlets.ResolveScriptDependencyCommand'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($HungFeed))
        $failures[0].Exception.Message | Should -Match 'resolutionTimeout'
        Test-Path (Join-Path $Folder 'depresolve.lock.json') | Should -BeFalse
    }
}
