using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>One change read back from the journal: an object stored, or a key deleted.</summary>
internal sealed record JournalEntry(long Revision, string Resource, string Key, JsonObject? Object);

/// <summary>
/// The changes since the last snapshot, one JSON line each (<c>{"rv","resource","key","object"}</c>,
/// no object for a deletion), appended beside the snapshot: a write costs the size of its object,
/// not of the whole state. A torn last line (a crash mid-append) is ignored on reading.
/// </summary>
internal static class JournalFile
{
    /// <summary>The journal being appended to.</summary>
    public static string CurrentPath(string snapshotPath) => snapshotPath + ".journal";

    /// <summary>The journal a compaction is folding into a new snapshot (deleted once the snapshot is written).</summary>
    public static string CompactingPath(string snapshotPath) => snapshotPath + ".journal.compacting";

    public static byte[] Line(WatchEvent change)
    {
        using var buffer = new MemoryStream(change.Object.Json.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer, JsonText.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("rv", change.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("resource", change.Object.Type.StorageKey);
            writer.WriteString("key", change.Object.Key);
            if (change.Type != "DELETED")
            {
                writer.WritePropertyName("object");
                writer.WriteRawValue(change.Object.Json, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The entries of the compacting journal, then of the current one, after <paramref name="afterRevision"/>.</summary>
    public static IEnumerable<JournalEntry> ReadAll(string snapshotPath, long afterRevision)
    {
        foreach (var path in new[] { CompactingPath(snapshotPath), CurrentPath(snapshotPath) })
        {
            if (!File.Exists(path))
            {
                continue;
            }
            foreach (var line in File.ReadLines(path))
            {
                if (Parse(line) is { } entry && entry.Revision > afterRevision)
                {
                    yield return entry;
                }
            }
        }
    }

    private static JournalEntry? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }
        try
        {
            if (JsonNode.Parse(line, JsonText.NodeOptions, JsonText.DocumentOptions) is JsonObject entry
                && long.TryParse(entry.String("rv"), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
                && entry.String("resource") is { } resource
                && entry.String("key") is { } key)
            {
                return new JournalEntry(revision, resource, key, entry["object"] as JsonObject);
            }
        }
        catch (JsonException)
        {
            // A torn last line: the change it held was never acknowledged as persisted.
        }
        return null;
    }
}
