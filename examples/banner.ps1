# No #Requires here: DepResolve maps the command ConvertTo-Banner to the Demo.Text module through the
# feed's PSCommand_ tags (or, if analysis misses it, the run's CommandNotFoundException triggers a retry).
ConvertTo-Banner -Text 'Found by command name'
