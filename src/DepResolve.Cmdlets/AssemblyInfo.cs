// The cmdlets live in this assembly; every decision lives in DepResolve.Engine.
