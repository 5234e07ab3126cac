namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>A stack.yml with two stand-in functions (the same echo program) for forwarding tests.</summary>
internal static class EchoStack
{
    public const string First = "echo-one";
    public const string Second = "echo-two";

    /// <summary>echo-two's body limit, small enough for a test to go over it.</summary>
    public const int SecondMaxBodyBytes = 4096;

    /// <summary>echo-two's read_timeout: how long a stalled body test waits for its 408.</summary>
    public const int SecondReadTimeoutSeconds = 2;

    public static string Write(TempDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return directory.WriteFile("stack.yml", $$"""
            version: 1.0
            provider:
              name: openfaas
              gateway: http://127.0.0.1:8080
            functions:
              {{First}}:
                lang: csharp-isolated
                handler: {{Repository.EchoFunction}}
                image: example/echo:${ECHO_TAG:-0.1.0}
                environment:
                  Echo__Greeting: hello
                secrets:
                  - function-key
                labels:
                  com.openfaas.scale.min: "1"
                annotations:
                  topic: cron-function
                  schedule: "*/5 * * * *"
              {{Second}}:
                lang: csharp-isolated
                handler: {{Repository.EchoFunction}}
                image: example/echo:two
                environment:
                  MAX_REQUEST_BODY_BYTES: "{{SecondMaxBodyBytes}}"
                  read_timeout: {{SecondReadTimeoutSeconds}}s
            """);
    }
}
