using DepResolve.Engine.Model;

namespace DepResolve.Engine.Hosting;

/// <summary>The one error for a cmdlet feature whose engine component this build does not contain.</summary>
internal static class NotAvailable
{
    public static DepResolveException Feature(string feature, string component, string? target = null) =>
        new(ErrorCode.NotAvailable, $"{feature} is not available in this build of DepResolve: it needs the {component}, which this build does not include.", target);
}
