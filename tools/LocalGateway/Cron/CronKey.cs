using ImageCacheFunctions.LocalGateway.Functions;

namespace ImageCacheFunctions.LocalGateway.Cron;

/// <summary>
/// The function key the local cron-connector sends with each call, read from the secrets folder
/// at every call (so a rotated key is picked up), as a platform that authenticates its
/// connector calls would. Null folder or missing file: no key is sent.
/// </summary>
internal sealed class CronKey(string? secretsDirectory)
{
    /// <summary>The header the function host reads the key from (as Azure Functions does).</summary>
    public const string Header = "x-functions-key";

    public string? Read()
    {
        if (secretsDirectory is null)
        {
            return null;
        }

        var path = Path.Combine(secretsDirectory, SecretsDirectory.FunctionKey);
        return File.Exists(path) ? File.ReadAllText(path).Trim() is { Length: > 0 } key ? key : null : null;
    }
}
