# Pester 5 test file for Calculator.ps1. Stored under a name Pester does not collect (so the suite itself does not
# run it); ScriptRunner.Tests.ps1 copies it next to Calculator.ps1 as Calculator.Tests.ps1.
# Expected outcome: 3 passed, 1 failed (on purpose), 1 skipped.
BeforeAll {
    . (Join-Path -Path $PSScriptRoot -ChildPath 'Calculator.ps1')
}

Describe 'Add-Numbers' {
    It 'adds two positive numbers' {
        Add-Numbers -Left 2 -Right 3 | Should -Be 5
    }

    It 'adds a negative number' {
        Add-Numbers -Left 2 -Right -3 | Should -Be -1
    }

    It 'is wrong on purpose' {
        Add-Numbers -Left 1 -Right 1 | Should -Be 3
    }
}

Describe 'Get-Half' {
    It 'halves an even number' {
        Get-Half -Value 8 | Should -Be 4
    }

    It 'is skipped on purpose' -Skip {
        Get-Half -Value 1 | Should -Be 0.5
    }
}
