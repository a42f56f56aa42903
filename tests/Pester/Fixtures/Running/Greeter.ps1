# Calls a command that only the DemoGreeting module provides. The name is built at run time on purpose:
# static analysis cannot see it, so the first run fails with CommandNotFoundException and the runner's
# automatic retry has to find and install the module.
$command = 'Get-' + 'DemoGreeting'
& $command -Name 'Pester'
