#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0'; MaximumVersion = '5.99.99' }

BeforeAll {
    . "$PSScriptRoot/Get-Greeting.ps1"
}

Describe 'Get-Greeting' {
    It 'greets <Name>' -ForEach @(
        @{ Name = 'World'; Expected = 'Hello, World!' }
        @{ Name = 'Pester'; Expected = 'Hello, Pester!' }
    ) {
        Get-Greeting -Name $Name | Should -BeExactly $Expected
    }

    It 'throws on an empty name' {
        { Get-Greeting -Name '' } | Should -Throw
    }
}
