namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>A stack.yml with two stand-in functions (the same echo program) for forwarding tests.</summary>
internal static class EchoStack
{
    public const string First = "echo-one";
    public const string Second = "echo-two";

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
            """);
    }
}
