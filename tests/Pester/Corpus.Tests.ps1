# Scores the offline mapping on real public scripts (tests/Corpus): for every script, Get-ScriptDependency (no
# -Repository, an empty cache, following dot-sourced scripts with -Recurse) against the hand-checked set of packages the script needs (tests/Corpus/expected.json).
# Predicted set: MappedPackage of the items DepResolve would install by default (not optional, not built in).
# Optional items (guarded imports, Get-Module -ListAvailable checks) are left out: DepResolve does not install them
# unless asked, so a script that really needs one counts as a miss. Package ids compare case-insensitively.
# The scripts themselves are public code kept outside this repository (tests/Corpus/sources.json says where each comes
# from: repository, path, commit, license); the test reads them from $env:DEPRESOLVE_CORPUS_SCRIPTS, else
# tests/Corpus/scripts, else ../shared/corpus/scripts beside the repository, and is skipped when none is there.
# What every run scores instead is tests/Corpus/facts.json: the names each script's analysis finds (made from the
# scripts by tools/corpus/Export-CorpusFacts.ps1), written back as one short script per corpus file (a line per
# module, command or type, a guard around what the original guards) under the corpus file's own name.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $candidates = @($env:DEPRESOLVE_CORPUS_SCRIPTS, (Join-Path $RepositoryRoot 'tests/Corpus/scripts'), (Join-Path $RepositoryRoot '../shared/corpus/scripts')) | Where-Object { $_ }
    $script:CorpusScripts = $candidates | Where-Object { Test-Path (Join-Path $_ 'dfinke') } | Select-Object -First 1
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $candidates = @($env:DEPRESOLVE_CORPUS_SCRIPTS, (Join-Path $RepositoryRoot 'tests/Corpus/scripts'), (Join-Path $RepositoryRoot '../shared/corpus/scripts')) | Where-Object { $_ }
    $script:Scripts = $candidates | Where-Object { Test-Path (Join-Path $_ 'dfinke') } | Select-Object -First 1
    $script:Expected = (Get-Content -Raw (Join-Path $RepositoryRoot 'tests/Corpus/expected.json') | ConvertFrom-Json -AsHashtable).scripts
    $script:Sources = Get-Content -Raw (Join-Path $RepositoryRoot 'tests/Corpus/sources.json') | ConvertFrom-Json

    function Measure-Corpus {
        param([string] $Root, [hashtable] $Expected, [string] $Cache)
        $truePositives = 0; $predictedCount = 0; $expectedCount = 0; $exact = 0; $stopNow = 0; $stopBefore = 0
        $misses = [System.Collections.Generic.List[string]]::new()
        foreach ($file in $Expected.Keys | Sort-Object) {
            $path = Join-Path $Root $file
            $items = @(Get-ScriptDependency -LiteralPath $path -Recurse -CacheDirectory $Cache -WarningAction SilentlyContinue 3>$null)
            $predicted = @($items | Where-Object { $_.MappedPackage -and -not $_.IsOptional -and -not $_.IsBuiltIn } | ForEach-Object { $_.MappedPackage.ToLowerInvariant() } | Sort-Object -Unique)
            $wanted = @($Expected[$file] | ForEach-Object { $_.ToLowerInvariant() } | Sort-Object -Unique)
            $hit = @($predicted | Where-Object { $_ -in $wanted }).Count
            $truePositives += $hit; $predictedCount += $predicted.Count; $expectedCount += $wanted.Count
            if ($hit -eq $predicted.Count -and $hit -eq $wanted.Count) { $exact++ }
            else { $misses.Add("$file : expected [$($wanted -join ', ')] got [$($predicted -join ', ')]") }
            $unresolvable = @($items | Where-Object { $_.IsUnresolvable -and -not $_.IsOptional })
            # Before inferred items became warnings every unresolvable item stopped the resolution; now only declared ones do.
            if ($unresolvable.Count -gt 0) { $stopBefore++ }
            if (@($unresolvable | Where-Object { -not $_.IsInferred }).Count -gt 0) { $stopNow++ }
        }
        [pscustomobject]@{
            Scripts = $Expected.Count
            Recall = if ($expectedCount) { [math]::Round($truePositives / $expectedCount, 3) } else { 1.0 }
            Precision = if ($predictedCount) { [math]::Round($truePositives / $predictedCount, 3) } else { 1.0 }
            Exact = $exact
            StopAtResolution = $stopNow
            StopAtResolutionBefore = $stopBefore
            Misses = $misses
        }
    }

    function ConvertTo-CorpusScript {
        <# The script a corpus file's facts stand for: what Get-ScriptDependency finds in it is what it found in the original. #>
        param([string[]] $Facts)
        $requires = [System.Collections.Generic.List[string]]::new()
        $body = [System.Collections.Generic.List[string]]::new()
        foreach ($fact in $Facts) {
            $kind, $evidence, $name, $need = $fact -split '\|', 4
            $quoted = "'" + ($name -replace "'", "''") + "'"
            $line = switch ("$kind|$evidence") {
                'Module|Requires' { $requires.Add("#Requires -Modules $name"); continue }
                'Module|ImportModule' { "Import-Module $quoted" }
                'Assembly|TypeLiteral' { if ($name.EndsWith('[')) { "[$name]] | Out-Null" } else { "[$name] | Out-Null" } }
                { $_ -in 'Command|CommandUsage', 'Application|CommandUsage' } { "& $quoted" }
                default { throw "facts.json has a fact of a kind this test cannot write back: $fact" }
            }
            # An availability check is one of the guards that makes an item optional (ConditionClassifier).
            $body.Add(($need -eq 'optional') ? "if (Get-Module -ListAvailable -Name 'Guard') { $line }" : $line)
        }
        ($requires + $body) -join "`n"
    }
}

Describe 'Real-world corpus, offline mapping' -Skip:(-not $CorpusScripts) {
    It 'lists a source (repository, path, commit, license) and an expected set for every script' {
        $listed = @($Sources.scripts | ForEach-Object { $_.file })
        @($Expected.Keys | Where-Object { $_ -notin $listed }) | Should -BeNullOrEmpty
        @($Sources.scripts | Where-Object { -not ($_.repository -and $_.path -and $_.commit -match '^[0-9a-f]{40}$') }) | Should -BeNullOrEmpty
        @($Sources.repositories | Where-Object { -not $_.license }) | Should -BeNullOrEmpty
        @($Expected.Keys | Where-Object { -not (Test-Path -LiteralPath (Join-Path $Scripts $_)) }) | Should -BeNullOrEmpty
    }

    It 'maps the packages each script needs, above the measured floors' {
        $score = Measure-Corpus -Root $Scripts -Expected $Expected -Cache (Join-Path $TestDrive 'cache')
        $repositories = @($Sources.scripts | ForEach-Object repository | Sort-Object -Unique).Count
        Write-Host ("Corpus: {0} scripts from {1} repositories: recall {2}, precision {3}, exactly right {4}/{0}, would stop at resolution {5} (before inferred items became warnings: {6})" -f `
                $score.Scripts, $repositories, $score.Recall, $score.Precision, $score.Exact, $score.StopAtResolution, $score.StopAtResolutionBefore)
        if ($env:DEPRESOLVE_CORPUS_MISSES) { $score.Misses | ForEach-Object { Write-Host "  miss: $_" } }
        # Floors a little under the measured figures (recall 0.98, precision 0.98, 210 of 219 exact, 1 stop).
        $score.Recall | Should -BeGreaterOrEqual 0.97
        $score.Precision | Should -BeGreaterOrEqual 0.975
        $score.Exact | Should -BeGreaterOrEqual 205
        $score.StopAtResolution | Should -BeLessOrEqual 1
    }
}

Describe 'Real-world corpus facts, offline mapping' {
    BeforeAll {
        $script:Facts = (Get-Content -Raw (Join-Path $RepositoryRoot 'tests/Corpus/facts.json') | ConvertFrom-Json -AsHashtable).scripts
        $script:FactScripts = Join-Path $TestDrive 'facts'
        foreach ($file in $Facts.Keys) {
            $path = Join-Path $FactScripts $file
            New-Item -ItemType Directory -Force -Path (Split-Path $path) | Out-Null
            Set-Content -LiteralPath $path -Value (ConvertTo-CorpusScript -Facts $Facts[$file])
        }
    }

    It 'has the facts of every script in the expected sets' {
        @($Expected.Keys | Where-Object { -not $Facts.ContainsKey($_) }) | Should -BeNullOrEmpty
        @($Facts.Keys | Where-Object { -not $Expected.ContainsKey($_) }) | Should -BeNullOrEmpty
    }

    It 'finds in each written-back script exactly the facts it was written from' {
        $different = foreach ($file in $Facts.Keys) {
            $found = @(Get-ScriptDependency -LiteralPath (Join-Path $FactScripts $file) -CacheDirectory (Join-Path $TestDrive 'cache') -WarningAction SilentlyContinue 3>$null |
                    Where-Object { -not ($_.Kind -eq 'Command' -and $_.Name -eq 'Get-Module') -and -not ($_.Kind -eq 'Module' -and $_.Name -eq 'Guard') } |
                    ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Kind, $_.Evidence, $_.Name, ($_.IsOptional ? 'optional' : 'required') } |
                    Sort-Object -Unique -Culture ([cultureinfo]::InvariantCulture))
            $wanted = @($Facts[$file])
            if (Compare-Object $found $wanted) { "$file : found [$($found -join ', ')] facts [$($wanted -join ', ')]" }
        }
        $different | Should -BeNullOrEmpty
    }

    It 'maps the packages each script needs, above the measured floors' {
        $score = Measure-Corpus -Root $FactScripts -Expected $Expected -Cache (Join-Path $TestDrive 'cache')
        $repositories = @($Sources.scripts | ForEach-Object repository | Sort-Object -Unique).Count
        Write-Host ("Corpus facts: {0} scripts from {1} repositories: recall {2}, precision {3}, exactly right {4}/{0}, would stop at resolution {5}" -f `
                $score.Scripts, $repositories, $score.Recall, $score.Precision, $score.Exact, $score.StopAtResolution)
        if ($env:DEPRESOLVE_CORPUS_MISSES) { $score.Misses | ForEach-Object { Write-Host "  miss: $_" } }
        $score.Recall | Should -BeGreaterOrEqual 0.97
        $score.Precision | Should -BeGreaterOrEqual 0.975
        $score.Exact | Should -BeGreaterOrEqual 205
        $score.StopAtResolution | Should -BeLessOrEqual 1
    }
}
