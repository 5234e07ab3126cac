using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>Checks <see cref="ApiOptions"/> at start-up, one clear message per problem.</summary>
public sealed class ApiOptionsValidator(IConfiguration configuration) : IValidateOptions<ApiOptions>
{
    /// <summary>Upper bound of every wait: OpenFaaS gateways rarely allow calls longer than this.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ReconcileUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"Api:ReconcileUrl must be an absolute http(s) URL of the reconcile-status function, e.g. http://gateway.openfaas:8080/function/reconcile-status, not '{url}'.");
            }
            else
            {
                var keyFile = options.EffectiveFunctionKeyFile(configuration[SecretsDirectoryKey]);
                if (!File.Exists(keyFile) || new FileInfo(keyFile).Length == 0)
                {
                    failures.Add($"Api:ReconcileUrl is set, so the function key is needed to call it: the file {keyFile} is missing or empty (add the function-key secret, or set Api:FunctionKeyFile).");
                }
            }
        }

        Positive(failures, "ReconcileTimeout", options.ReconcileTimeout, LongestWait);
        Positive(failures, "ReconcileObjectWait", options.ReconcileObjectWait, LongestWait);
        Positive(failures, "ReconcileObjectPollInterval", options.ReconcileObjectPollInterval, LongestWait);
        Positive(failures, "WaitPollInterval", options.WaitPollInterval, LongestWait);
        Positive(failures, "WaitDefaultTimeout", options.WaitDefaultTimeout, LongestWait);
        Positive(failures, "WaitMaxTimeout", options.WaitMaxTimeout, LongestWait);
        if (options.WaitDefaultTimeout > options.WaitMaxTimeout)
        {
            failures.Add($"Api:WaitDefaultTimeout ({options.WaitDefaultTimeout}) must not exceed Api:WaitMaxTimeout ({options.WaitMaxTimeout}).");
        }

        if (options.MaxImagesPerRequest is < 1 or > 10_000)
        {
            failures.Add($"Api:MaxImagesPerRequest must be between 1 and 10000, not {options.MaxImagesPerRequest}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The OpenFaaS host's secrets directory setting.</summary>
    public const string SecretsDirectoryKey = "OPENFAAS_SECRETS_DIR";

    private static void Positive(List<string> failures, string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            failures.Add($"Api:{key} must be more than zero and at most {max} (e.g. 00:00:05), not {value}.");
        }
    }
}
