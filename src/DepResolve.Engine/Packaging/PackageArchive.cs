using System.IO.Compression;
using System.Security.Cryptography;
using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Packaging;

/// <summary>
/// One .nupkg opened for reading: its nuspec (the single root-level *.nuspec) and safe extraction.
/// Not thread-safe; dispose it to release the file.
/// </summary>
/// <remarks>
/// Extraction contract: <see cref="ExtractTo"/> writes only below the destination, which must be absent or
/// empty, and on any failure (or cancellation) deletes everything it wrote, the destination included when it
/// created it. Callers extract into a fresh temporary folder on the same volume as the final location and
/// rename it into place, so a reader never sees a half-extracted package.
/// </remarks>
internal sealed class PackageArchive : IDisposable
{
    private const int CopyBufferSize = 1 << 17;

    private readonly Stream _content;
    private readonly ZipArchive _zip;
    private readonly ExtractionLimits _limits;

    private PackageArchive(string filePath, Stream content, ZipArchive zip, PackageMetadata metadata, string nuspecEntryName, ExtractionLimits limits)
    {
        FilePath = filePath;
        _content = content;
        _zip = zip;
        Metadata = metadata;
        NuspecEntryName = nuspecEntryName;
        _limits = limits;
    }

    /// <summary>The package file, or for a package opened from memory the name its messages give it.</summary>
    public string FilePath { get; }

    /// <summary>The nuspec's metadata (the feed-side fields — listed, published hash — are left at their defaults).</summary>
    public PackageMetadata Metadata { get; }

    public string NuspecEntryName { get; }

    public IReadOnlyList<string> EntryNames => _zip.Entries.Select(e => e.FullName).ToList();

    /// <summary>Opens a .nupkg and reads its nuspec. InvalidPackage when it is not a readable package.</summary>
    public static PackageArchive Open(string filePath, ExtractionLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        FileStream file;
        try
        {
            file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"Package file '{filePath}' does not exist.", filePath, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DepResolveException(ErrorCode.InstallationFailed, $"Package file '{filePath}' cannot be read: {ex.Message}", filePath, ex);
        }

        return Open(file, filePath, limits);
    }

    /// <summary>
    /// Opens a .nupkg held in <paramref name="content"/> (a seekable stream, disposed with the archive or on failure),
    /// named <paramref name="filePath"/> in messages. InvalidPackage when it is not a readable package.
    /// </summary>
    public static PackageArchive Open(Stream content, string filePath, ExtractionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        limits ??= ExtractionLimits.Default;
        try
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
            {
                throw Invalid(filePath, $"it is not a valid zip archive ({ex.Message})", ex);
            }

            try
            {
                if (zip.Entries.Count > limits.MaxEntries)
                {
                    throw Invalid(filePath, $"it has {zip.Entries.Count} entries, more than the limit of {limits.MaxEntries}");
                }

                var nuspecs = zip.Entries
                    .Where(e => !e.FullName.Contains('/', StringComparison.Ordinal) && !e.FullName.Contains('\\', StringComparison.Ordinal)
                        && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase))
                    .ToList();
                if (nuspecs.Count != 1)
                {
                    throw Invalid(filePath, nuspecs.Count == 0 ? "it has no .nuspec at its root" : $"it has {nuspecs.Count} .nuspec files at its root");
                }

                PackageMetadata metadata;
                try
                {
                    using var nuspecStream = nuspecs[0].Open();
                    metadata = NuspecReader.Read(nuspecStream, filePath);
                }
                catch (InvalidDataException ex)
                {
                    throw Invalid(filePath, $"its nuspec entry is corrupt ({ex.Message})", ex);
                }

                return new PackageArchive(filePath, content, zip, metadata, nuspecs[0].FullName, limits);
            }
            catch
            {
                zip.Dispose();
                throw;
            }
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    /// <summary>The nuspec entry's bytes (for a copy beside the package, as NuGet's folder layout keeps one).</summary>
    public Stream OpenNuspec() => _zip.GetEntry(NuspecEntryName)!.Open();

    /// <summary>Opens a .nupkg that must be <paramref name="expectedId"/> <paramref name="expectedVersion"/>.</summary>
    public static PackageArchive Open(string filePath, string expectedId, NuGetVersion expectedVersion, ExtractionLimits? limits = null)
    {
        EnsureValidId(expectedId, filePath);
        return WithIdentity(Open(filePath, limits), expectedId, expectedVersion);
    }

    /// <summary>Opens a .nupkg held in <paramref name="content"/> that must be <paramref name="expectedId"/> <paramref name="expectedVersion"/>.</summary>
    public static PackageArchive Open(Stream content, string filePath, string expectedId, NuGetVersion expectedVersion, ExtractionLimits? limits = null)
    {
        try
        {
            EnsureValidId(expectedId, filePath);
        }
        catch
        {
            content.Dispose();
            throw;
        }

        return WithIdentity(Open(content, filePath, limits), expectedId, expectedVersion);
    }

    private static PackageArchive WithIdentity(PackageArchive archive, string expectedId, NuGetVersion expectedVersion)
    {
        try
        {
            archive.EnsureIdentity(expectedId, expectedVersion);
            return archive;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>Reads only the metadata of a .nupkg.</summary>
    public static PackageMetadata ReadMetadata(string filePath)
    {
        using var archive = Open(filePath);
        return archive.Metadata;
    }

    /// <summary>Reads only the metadata of a .nupkg held in <paramref name="content"/>, named <paramref name="filePath"/> in messages.</summary>
    public static PackageMetadata ReadMetadata(Stream content, string filePath)
    {
        using var archive = Open(content, filePath);
        return archive.Metadata;
    }

    /// <summary>InvalidPackage when <paramref name="id"/> could escape a folder or name a device.</summary>
    public static void EnsureValidId(string id, string source)
    {
        if (!PackageIdRules.IsValid(id))
        {
            throw new DepResolveException(ErrorCode.InvalidPackage,
                $"Invalid package id '{id}' (from '{source}'): a package id must be {PackageIdRules.Description}.", source);
        }
    }

    /// <summary>InvalidPackage unless the nuspec says this id (case-insensitively) and version (NuGet equality).</summary>
    public void EnsureIdentity(string id, NuGetVersion version)
    {
        if (!string.Equals(Metadata.Id, id, StringComparison.OrdinalIgnoreCase) || !VersionComparer.Default.Equals(Metadata.Version, version))
        {
            throw new DepResolveException(ErrorCode.InvalidPackage,
                $"Invalid package '{FilePath}': expected {id} {version.ToNormalizedString()} but its nuspec says {Metadata.Id} {Metadata.Version.ToNormalizedString()}.",
                $"{id} {version.ToNormalizedString()}");
        }
    }

    /// <summary>
    /// Checks every entry name, link flag, duplicate and file/folder clash without writing anything;
    /// InvalidPackage naming the package and the entry.
    /// </summary>
    public void Validate() => Plan(skipNuGetMetadata: false, out _);

    /// <summary>
    /// Extracts into <paramref name="destination"/> (absent or empty). With <paramref name="skipNuGetMetadata"/>
    /// the OPC parts, the nuspec and the signature are left out (the PowerShell module layout). Each file's SHA-256
    /// is computed from the bytes as they are written (one pass, no re-read). With <paramref name="readOnlyFiles"/>
    /// every file is created read-only (on Unix by its creation mode, no chmod afterwards). See the class remarks
    /// for the all-or-nothing contract.
    /// </summary>
    public ExtractionResult ExtractTo(string destination, bool skipNuGetMetadata = false, CancellationToken cancellationToken = default, bool readOnlyFiles = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        var root = Path.GetFullPath(destination);
        var existed = Directory.Exists(root);
        if (existed && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new DepResolveException(ErrorCode.InstallationFailed, $"Cannot extract '{FilePath}': the destination '{root}' is not empty.", root);
        }

        var plan = Plan(skipNuGetMetadata, out var skipped);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        long totalBytes = 0;
        var written = new List<ExtractedFile>(plan.Count);
        var createdFolders = new HashSet<string>(StringComparer.Ordinal) { root };
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            Directory.CreateDirectory(root);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var (entry, relativePath, isDirectory) in plan)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = Path.GetFullPath(Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
                if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal))
                {
                    throw Invalid(FilePath, $"the entry '{entry.FullName}' would be written outside the destination");
                }

                if (isDirectory)
                {
                    EnsureFolder(target, createdFolders);
                    continue;
                }

                EnsureFolder(Path.GetDirectoryName(target)!, createdFolders);
                long fileBytes = 0;
                using (var source = entry.Open())
                using (var output = new FileStream(target, NewFileOptions(readOnlyFiles)))
                {
                    int read;
                    // An entry's stream hands out one inflated input block (about 8 KB) per Read: filling the buffer
                    // first writes and hashes a file in a few large blocks instead of one system call per 8 KB.
                    while ((read = source.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
                    {
                        totalBytes += read;
                        if (totalBytes > _limits.MaxUncompressedBytes)
                        {
                            throw Invalid(FilePath, $"it unpacks to more than the limit of {_limits.MaxUncompressedBytes} bytes (at entry '{entry.FullName}')");
                        }

                        hash.AppendData(buffer, 0, read);
                        output.Write(buffer, 0, read);
                        fileBytes += read;
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }

                written.Add(new ExtractedFile(relativePath, fileBytes, Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant()));
            }

            if (readOnlyFiles && OperatingSystem.IsWindows())
            {
                // Only after every file is written, so a failed extraction never leaves read-only files to delete.
                foreach (var file in written)
                {
                    var path = Path.Combine(root, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
                    File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
                }
            }

            return new ExtractionResult(root, written.Count, totalBytes, skipped) { Files = written };
        }
        catch (Exception ex)
        {
            RemoveExtracted(root, existed);
            throw ex switch
            {
                DepResolveException or OperationCanceledException => ex,
                InvalidDataException => Invalid(FilePath, $"an entry is corrupt ({ex.Message})", ex),
                IOException or UnauthorizedAccessException => new DepResolveException(ErrorCode.InstallationFailed,
                    $"Extracting '{FilePath}' into '{root}' failed: {ex.Message}", root, ex),
                _ => ex,
            };
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A new file, never an existing one; unbuffered (the copy loop writes large blocks).</summary>
    private static FileStreamOptions NewFileOptions(bool readOnly)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (readOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        return options;
    }

    /// <summary>Creates a folder (and its parents) once per extraction instead of probing it again for every file.</summary>
    private static void EnsureFolder(string folder, HashSet<string> created)
    {
        if (created.Add(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    public void Dispose()
    {
        _zip.Dispose();
        _content.Dispose();
    }

    private List<(ZipArchiveEntry Entry, string RelativePath, bool IsDirectory)> Plan(bool skipNuGetMetadata, out int skipped)
    {
        skipped = 0;
        var plan = new List<(ZipArchiveEntry, string, bool)>();
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in _zip.Entries)
        {
            var relative = ZipEntryRules.TryGetRelativePath(entry.FullName, out var reason, out var isDirectory)
                ?? throw Invalid(FilePath, $"it contains {reason}");
            if (ZipEntryRules.IsLink(entry))
            {
                throw Invalid(FilePath, $"the entry '{entry.FullName}' is a symbolic link");
            }

            if (!isDirectory && !files.Add(relative))
            {
                throw Invalid(FilePath, $"the entry '{entry.FullName}' appears more than once (names are compared ignoring case)");
            }

            if (isDirectory)
            {
                folders.Add(relative);
            }

            for (var slash = relative.LastIndexOf('/'); slash > 0; slash = relative.LastIndexOf('/', slash - 1))
            {
                folders.Add(relative[..slash]);
            }

            if (skipNuGetMetadata && ZipEntryRules.IsNuGetMetadata(relative))
            {
                skipped++;
                continue;
            }

            plan.Add((entry, relative, isDirectory));
        }

        var clash = files.FirstOrDefault(folders.Contains);
        if (clash is not null)
        {
            throw Invalid(FilePath, $"'{clash}' is both a file and a folder");
        }

        return plan;
    }

    private static void RemoveExtracted(string root, bool existed)
    {
        try
        {
            if (!Directory.Exists(root))
            {
                return;
            }

            if (!existed)
            {
                Directory.Delete(root, recursive: true);
                return;
            }

            foreach (var child in Directory.EnumerateFileSystemEntries(root).ToList())
            {
                if (Directory.Exists(child))
                {
                    Directory.Delete(child, recursive: true);
                }
                else
                {
                    File.Delete(child);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the caller extracted into a temporary folder it will discard anyway.
        }
    }

    private static DepResolveException Invalid(string filePath, string reason, Exception? inner = null) =>
        new(ErrorCode.InvalidPackage, $"Invalid package '{filePath}': {reason}.", filePath, inner);
}
