using DepResolve.Engine.Model;

namespace DepResolve.Engine.Running;

/// <summary>
/// The pipeline's hook into the runner (mapper, resolver, installer): given the dependencies this step adds, return
/// the environment to run in next. The environment must still hold everything resolved by earlier calls for the
/// same script. Throw <see cref="DepResolveException"/> when resolution or installation fails; the runner then
/// reports "Dependency resolution failed: &lt;code&gt;: &lt;message&gt;" and does not run the script again.
/// </summary>
internal delegate Task<RunEnvironment> ResolveAndInstall(IReadOnlyList<ScriptDependency> added, CancellationToken cancellationToken);
