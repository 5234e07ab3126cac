using System.Security.Cryptography;
using ImageCacheFunctions.LocalGateway.Backends;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>
/// The local stand-in for OpenFaaS secrets: one file per secret in a private folder.
/// The gateway writes the keys it owns when they are absent and never overwrites a file
/// the user put there.
/// </summary>
internal static class SecretsDirectory
{
    public const string FunctionKey = "function-key";
    public const string AdminKey = "admin-key";
    public const string AccessKeyId = "alibaba-cloud-access-key-id";
    public const string AccessKeySecret = "alibaba-cloud-access-key-secret";
    public const string WebhookSources = "registry-webhook-sources";
    public const string WebhookToken = "local-webhook-token";

    // registry-webhook refuses to start without sources (as it should in production); locally the
    // README's first command must work with no set-up, so two sources are seeded, once.
    private const string LocalWebhookSources = """
        # Written once by the local gateway so registry-webhook can be tried on this machine; edit
        # freely (it is never overwritten). Every registry's example: docs/registry-sources.md.
        sources:
          local:                     # a CNCF distribution registry (docker-registry) on this machine
            type: distribution
            auth: { type: bearer, secretFile: local-webhook-token }
          local-cloudevents:         # curl or CI posting CloudEvents
            type: cloudevents
            auth: { type: bearer, secretFile: local-webhook-token }

        """;

    public static void Prepare(string directory, BackendEndpoints backends, string? emulatorAccessKeyId)
    {
        ArgumentNullException.ThrowIfNull(backends);
        CreatePrivateDirectory(directory);
        WriteIfAbsent(directory, FunctionKey, NewKey());
        WriteIfAbsent(directory, AdminKey, NewKey());
        WriteIfAbsent(directory, WebhookToken, NewKey());
        WriteIfAbsent(directory, WebhookSources, LocalWebhookSources);

        if (backends.EciEmbedded)
        {
            // The emulator only accepts its own test key, so these are always rewritten.
            Write(directory, AccessKeyId, backends.EciTestAccessKeyId!);
            Write(directory, AccessKeySecret, backends.EciTestAccessKeySecret!);
        }
        else if (emulatorAccessKeyId is not null
            && File.Exists(Path.Combine(directory, AccessKeyId))
            && string.Equals(File.ReadAllText(Path.Combine(directory, AccessKeyId)).Trim(), emulatorAccessKeyId, StringComparison.Ordinal))
        {
            // Left by an embedded run: against real ECI the user's own credentials must win.
            File.Delete(Path.Combine(directory, AccessKeyId));
            File.Delete(Path.Combine(directory, AccessKeySecret));
        }
    }

    /// <summary>
    /// Secrets stack.yml gives a function that are not in the folder. OpenFaaS refuses to deploy
    /// such a function; locally it starts, and most likely fails its configuration check.
    /// </summary>
    public static IReadOnlyList<(string Function, string Secret, string Path)> Missing(
        IEnumerable<Stack.StackFunction> functions, string directory) =>
        functions
            .SelectMany(f => f.Secrets.Select(s => (f.Name, s, Path.Combine(directory, s))))
            .Where(e => !File.Exists(e.Item3))
            .ToList();

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WriteIfAbsent(string directory, string name, string value)
    {
        if (!File.Exists(Path.Combine(directory, name)))
        {
            Write(directory, name, value);
        }
    }

    private static void Write(string directory, string name, string value)
    {
        var path = Path.Combine(directory, name);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(value);
    }
}
