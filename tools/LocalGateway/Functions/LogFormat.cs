namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>How the gateway prints its functions' log lines (`--log-format`).</summary>
internal enum LogFormat
{
    /// <summary>One readable line per entry: time, level, function, message, call id; exceptions in full.</summary>
    Text,

    /// <summary>Each line as the function wrote it (JSON), prefixed with <c>[function]</c>.</summary>
    Json,
}
