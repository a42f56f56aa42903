namespace DepResolve.Engine.Packaging;

/// <summary>What <see cref="PackageArchive.ExtractTo"/> wrote: files, their total size, and entries it left out on purpose.</summary>
internal sealed record ExtractionResult(string Destination, int FileCount, long TotalBytes, int SkippedMetadataEntries)
{
    /// <summary>Every file written, with the size and SHA-256 of the bytes actually written.</summary>
    public IReadOnlyList<ExtractedFile> Files { get; init; } = Array.Empty<ExtractedFile>();
}

/// <param name="RelativePath">Relative to the destination, '/' separators.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes written, computed as they were written.</param>
internal sealed record ExtractedFile(string RelativePath, long Size, string Sha256);
