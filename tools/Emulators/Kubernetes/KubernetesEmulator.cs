using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Api;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;
using ImageCacheFunctions.Emulators.Kubernetes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ImageCacheFunctions.Emulators.Kubernetes;

/// <summary>
/// A Kubernetes API server on loopback HTTP for tests and the local gateway: the ImageCache
/// CRD, secrets, events, namespaces and leases, with resourceVersion conflicts, generation,
/// the status subresource, finalizers, selectors, paging, watches and Status errors, so that
/// KubernetesClient and kubectl work against it unchanged.
/// </summary>
public sealed class KubernetesEmulator : IAsyncDisposable
{
    private readonly KubernetesEmulatorOptions _options;
    private readonly ConcurrentQueue<EmulatorRequest> _requests = new();
    private readonly List<KubernetesFault> _faults = [];
    private readonly Lock _faultGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResourceCatalog _catalog = new();
    private readonly ObjectStore _store;
    private readonly ObjectLifecycle _lifecycle;
    private SnapshotWriter? _snapshots;
    private WebApplication? _app;
    private Uri? _baseUri;
    private int _disposed;

    public KubernetesEmulator(KubernetesEmulatorOptions? options = null)
    {
        _options = options ?? new KubernetesEmulatorOptions();
        _options.Validate();
        _store = new ObjectStore(_options.WatchHistoryLimit);
        _lifecycle = new ObjectLifecycle(_store, _catalog, _options.TimeProvider);
    }

    /// <summary>Where the emulator listens, e.g. http://127.0.0.1:41234/. Set by <see cref="StartAsync"/>.</summary>
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("The Kubernetes emulator has not been started; call StartAsync first.");

    /// <summary>The token clients must send, or null when authentication is off.</summary>
    public string? BearerToken => _options.BearerToken;

    /// <summary>
    /// Raised (on a request thread) as each request is recorded: when answered, or for a watch
    /// when it opens. Lets a test wait for a client to reach a step without polling.
    /// </summary>
    public event Action<EmulatorRequest>? RequestRecorded;

    /// <summary>Every request answered so far, oldest first.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => [.. _requests];

    /// <summary>Loads the CRDs and any persisted objects, then starts listening.</summary>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The Kubernetes emulator is already started.");
        }
        LoadState();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, _options.Port);
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        var handler = new ApiRequestHandler(_catalog, _lifecycle, _options.TimeProvider, _options.BearerToken, Record, TakeFault, _stopping.Token);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return _baseUri;
    }

    /// <summary>
    /// Writes a kubeconfig (plain http, the bearer token) for kubectl and
    /// KubernetesClientConfiguration.BuildConfigFromConfigFile.
    /// </summary>
    public void WriteKubeconfig(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(path, CreateKubeconfig(), new UTF8Encoding(false));
    }

    /// <summary>The kubeconfig text <see cref="WriteKubeconfig"/> writes.</summary>
    public string CreateKubeconfig()
    {
        var server = BaseUri.GetLeftPart(UriPartial.Authority);
        // KubernetesClient insists on credentials in a kubeconfig; with authentication off any token passes.
        var user = $"  user:\n    token: {_options.BearerToken ?? "imagecache-emulator"}\n";
        return "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: imagecache-emulator\n"
            + "  cluster:\n"
            + $"    server: {server}\n"
            + "contexts:\n"
            + "- name: imagecache-emulator\n"
            + "  context:\n"
            + "    cluster: imagecache-emulator\n"
            + "    user: imagecache-emulator\n"
            + "    namespace: default\n"
            + "current-context: imagecache-emulator\n"
            + "preferences: {}\n"
            + "users:\n"
            + "- name: imagecache-emulator\n"
            + user;
    }

    /// <summary>Requests with this verb (get, list, watch, create, update, patch, delete, deletecollection) on a resource.</summary>
    public int CountRequests(string verb, string? resource = null, string? subresource = null) =>
        _requests.Count(r => r.Verb == verb && (resource is null || r.Resource == resource) && (subresource is null || r.Subresource == subresource));

    /// <summary>Requests that change state, on one resource or on all.</summary>
    public int CountWrites(string? resource = null) =>
        _requests.Count(r => r.IsWrite && (resource is null || r.Resource == resource));

    /// <summary>Makes the next matching requests fail (or wait); see <see cref="KubernetesFault"/>.</summary>
    public void InjectFault(KubernetesFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1);
        lock (_faultGate)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>Removes every injected fault not used up yet.</summary>
    public void ClearFaults()
    {
        lock (_faultGate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Forgets the requests recorded so far (for "this step made no writes" assertions).</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>Writes the persistence file now (it is otherwise written shortly after each change).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        _snapshots?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Stops listening, ends open watches and writes the persistence file a last time.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_store.Gate)
        {
            _store.CloseAllWatches();
        }
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
        if (_snapshots is not null)
        {
            await _snapshots.DisposeAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
    }

    /// <summary>The repository root (the folder with Functions.sln or stack.yml) above a folder, if any.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")) || File.Exists(Path.Combine(directory.FullName, "stack.yml")))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    private KubernetesFault? TakeFault(EmulatorRequest request)
    {
        lock (_faultGate)
        {
            var index = _faults.FindIndex(f => f.Matches(request));
            if (index < 0)
            {
                return null;
            }
            var fault = _faults[index];
            if (fault.Times <= 1)
            {
                _faults.RemoveAt(index);
            }
            else
            {
                _faults[index] = fault with { Times = fault.Times - 1 };
            }
            return fault;
        }
    }

    private void Record(EmulatorRequest request)
    {
        _requests.Enqueue(request);
        while (_requests.Count > _options.RequestLogLimit && _requests.TryDequeue(out _))
        {
        }
        RequestRecorded?.Invoke(request);
    }

    private void LoadState()
    {
        if (_options.PersistencePath is { } path)
        {
            var (revision, objects) = File.Exists(path) ? SnapshotFile.Read(path) : (0, []);
            lock (_store.Gate)
            {
                // Definitions first: their objects need the resources they serve.
                foreach (var (resource, obj) in objects.Where(o => o.Resource == BuiltInResources.CustomResourceDefinitions.StorageKey))
                {
                    _store.Load(new StoredObject(BuiltInResources.CustomResourceDefinitions, obj));
                    _catalog.RegisterCustom(obj);
                }
                foreach (var (resource, obj) in objects.Where(o => o.Resource != BuiltInResources.CustomResourceDefinitions.StorageKey))
                {
                    var type = _catalog.FindByStorageKey(resource);
                    if (type is not null)
                    {
                        _store.Load(new StoredObject(type, obj));
                    }
                }
                // Then the changes made after that snapshot, in order.
                foreach (var entry in JournalFile.ReadAll(path, revision))
                {
                    var isDefinition = entry.Resource == BuiltInResources.CustomResourceDefinitions.StorageKey;
                    if (entry.Object is null)
                    {
                        _store.Forget(entry.Resource, entry.Key);
                    }
                    else if ((isDefinition ? BuiltInResources.CustomResourceDefinitions : _catalog.FindByStorageKey(entry.Resource)) is { } type)
                    {
                        _store.Load(new StoredObject(type, entry.Object));
                        if (isDefinition)
                        {
                            _catalog.RegisterCustom(entry.Object);
                        }
                    }
                    revision = Math.Max(revision, entry.Revision);
                }
                _store.Restore(revision);
            }
        }

        foreach (var (source, yaml) in DefinitionSources())
        {
            foreach (var document in YamlDocuments.Parse(yaml))
            {
                if (document is not JsonObject crd)
                {
                    continue;
                }
                if (crd.String("kind") != "CustomResourceDefinition" || crd.String("apiVersion") != "apiextensions.k8s.io/v1")
                {
                    throw new InvalidOperationException(
                        $"{source}: expected apiextensions.k8s.io/v1 CustomResourceDefinition documents, found {crd.String("apiVersion")} {crd.String("kind")}.");
                }
                try
                {
                    _lifecycle.ApplyDefinition(crd);
                }
                catch (ApiException ex)
                {
                    throw new InvalidOperationException($"{source}: the CRD was rejected: {ex.Message}", ex);
                }
            }
        }
        foreach (var ns in _options.Namespaces)
        {
            _lifecycle.EnsureNamespace(ns);
        }

        if (_options.PersistencePath is { } persistencePath)
        {
            _snapshots = new SnapshotWriter(_store, persistencePath);
            _snapshots.Start();
        }
    }

    private IEnumerable<(string Source, string Yaml)> DefinitionSources()
    {
        if (_options.CrdPaths is { } paths)
        {
            foreach (var path in paths)
            {
                yield return (path, File.ReadAllText(path));
            }
            yield break;
        }
        var root = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(Environment.CurrentDirectory);
        var folder = root is null ? null : Path.Combine(root, "deploy", "crd");
        if (folder is not null && Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
            {
                yield return (file, File.ReadAllText(file));
            }
            yield break;
        }
        var assembly = typeof(KubernetesEmulator).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("crd/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return ($"(built in) {resource}", reader.ReadToEnd());
        }
    }
}
