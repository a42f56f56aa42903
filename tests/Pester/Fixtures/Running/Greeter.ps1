# Calls a command that only the DemoGreeting module provides. The name comes from a format operation on purpose:
# static analysis folds constant concatenations ('Get-' + 'DemoGreeting') through single assignments, but not -f,
# so the first run fails with CommandNotFoundException and the runner's automatic retry has to find and install
# the module.
$command = 'Get-{0}' -f 'DemoGreeting'
& $command -Name 'Pester'
