namespace DepResolve.Engine.Running;

internal enum ScriptRunMode
{
    /// <summary>Run the script with its parameters splatted.</summary>
    Script,

    /// <summary>Dot-source the script, then call the entry-point function with the parameters.</summary>
    EntryPoint,

    /// <summary>Run a Pester 5 test file with Invoke-Pester.</summary>
    Pester,
}
