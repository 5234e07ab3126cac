using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Json;

namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>
/// The persisted store: one JSON file holding the revision counter and every object, written
/// whole to a temporary file and renamed over the old one so a crash never leaves half a file.
/// </summary>
internal static class SnapshotFile
{
    public static void Write(string path, long revision, IReadOnlyList<StoredObject> objects)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        // The snapshot holds Secrets' data: only the owner may read it (0600, like .local/secrets).
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 64 * 1024 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new Utf8JsonWriter(stream, JsonText.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("resourceVersion", revision.ToString(CultureInfo.InvariantCulture));
            writer.WriteStartArray("objects");
            // Definitions first, so a load can serve their resources before reading their objects.
            foreach (var obj in objects.OrderBy(o => o.Type.Plural == "customresourcedefinitions" ? 0 : 1))
            {
                writer.WriteStartObject();
                writer.WriteString("resource", obj.Type.StorageKey);
                writer.WritePropertyName("object");
                writer.WriteRawValue(obj.Json, skipInputValidation: true);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static (long Revision, List<(string Resource, JsonObject Object)> Objects) Read(string path)
    {
        var root = JsonText.Parse(File.ReadAllBytes(path)) as JsonObject
            ?? throw new InvalidDataException($"{path} is not a Kubernetes emulator snapshot (expected a JSON object).");
        var revision = long.TryParse(root.String("resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;
        var objects = new List<(string, JsonObject)>();
        if (root["objects"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                if (item.String("resource") is { } resource && item["object"] is JsonObject obj)
                {
                    objects.Add((resource, (JsonObject)obj.DeepClone()));
                }
            }
        }
        return (revision, objects);
    }
}
