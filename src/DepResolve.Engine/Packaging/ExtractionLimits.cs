using DepResolve.Engine.Configuration;

namespace DepResolve.Engine.Packaging;

/// <summary>Caps on what one package may unpack to; bytes are counted as written, never taken from the zip's claims.</summary>
internal sealed record ExtractionLimits(long MaxUncompressedBytes, int MaxEntries)
{
    public static ExtractionLimits Default { get; } = FromOptions(new DepResolveOptions());

    public static ExtractionLimits FromOptions(DepResolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ExtractionLimits(options.MaxPackageUncompressedBytes, options.MaxPackageEntries);
    }
}
