using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HaScheduler.MongoEmulator.Server;
using HaScheduler.MongoEmulator.Server.Commands;
using HaScheduler.MongoEmulator.Server.Storage;
using HaScheduler.MongoEmulator.Server.Wire;

namespace HaScheduler.MongoEmulator;

/// <summary>
/// An in-memory server speaking MongoDB's wire protocol as a single-node replica set. Dev/test only:
/// no authentication, loopback by default. Many instances can run side by side on port 0.
/// </summary>
public sealed class MongoEmulatorServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, ClientConnection> _connections = new();
    private readonly Lock _gate = new();
    private readonly IPAddress _address;
    private EmulatorState _state;
    private CommandDispatcher _dispatcher;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private CancellationTokenSource _lifetime = new();
    private Task _monitor = Task.CompletedTask;

    private MongoEmulatorServer(MongoEmulatorOptions options)
    {
        Options = options;
        _address = IPAddress.Parse(options.BindAddress);
        _state = new EmulatorState(options);
        _dispatcher = new CommandDispatcher(_state);
    }

    public MongoEmulatorOptions Options { get; }

    /// <summary>The bound TCP port (the chosen one when <see cref="MongoEmulatorOptions.Port"/> is 0).</summary>
    public int Port { get; private set; }

    /// <summary><c>mongodb://host:port/?directConnection=true</c>: the form tools and tests should use.</summary>
    public string ConnectionString => $"mongodb://{HostAndPort}/?directConnection=true";

    /// <summary>The replica-set discovery form (<c>?replicaSet=rs0</c>), for code that needs it.</summary>
    public string ReplicaSetConnectionString => $"mongodb://{HostAndPort}/?replicaSet={Options.ReplicaSetName}";

    private string HostAndPort => _address.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{_address}]:{Port}"
        : $"{_address}:{Port}";

    public static Task<MongoEmulatorServer> StartAsync(MongoEmulatorOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var server = new MongoEmulatorServer(options ?? new MongoEmulatorOptions());
        server.LoadJournal();
        server.Listen(server.Options.Port);
        server.StartBackground();
        return Task.FromResult(server);
    }

    /// <summary>Closes the listening socket: new connections are refused; existing ones keep working.</summary>
    public Task StopAcceptingAsync()
    {
        Socket? listener;
        lock (_gate)
        {
            listener = _listener;
            _listener = null;
        }

        listener?.Close();
        return _acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Listens again on the same port after <see cref="StopAcceptingAsync"/>.</summary>
    public void ResumeAccepting()
    {
        lock (_gate)
        {
            if (_listener is null) Listen(Port);
        }
    }

    /// <summary>Abruptly closes every client connection (the driver sees network errors and reconnects).</summary>
    public int DropAllConnections()
    {
        var count = 0;
        foreach (var (id, connection) in _connections)
        {
            if (_connections.TryRemove(id, out _))
            {
                connection.Dispose();
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Simulates a server restart on the same port: connections and cursors are dropped; data is kept
    /// unless <paramref name="keepData"/> is false (with a data directory it is reloaded from disk).
    /// Change history survives only an in-memory restart that keeps data.
    /// </summary>
    public async Task RestartAsync(bool keepData = true)
    {
        await StopAcceptingAsync();
        DropAllConnections();
        await StopBackgroundAsync();
        _state.Store.Journal?.Dispose();
        var previous = _state;
        if (!keepData || Options.DataDirectory is not null)
        {
            _state = new EmulatorState(Options);
            _state.Store.Clock.AdvanceTo(previous.Store.Clock.Current);
            _state.Store.History.Reset(Server.LogicalClock.Next(previous.Store.Clock.Current));
            if (keepData) LoadJournal();
            else if (Options.DataDirectory is not null) DeleteJournal();
        }
        else
        {
            previous.Cursors.Clear();
        }

        _state.AdvertisedAddress = $"{HostAndPort}";
        _dispatcher = new CommandDispatcher(_state);
        StartBackground();
        ResumeAccepting();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAcceptingAsync();
        DropAllConnections();
        await StopBackgroundAsync();
        _state.Store.Journal?.Dispose();
    }

    private void LoadJournal()
    {
        if (Options.DataDirectory is null) return;
        var store = _state.Store;
        using (store.Gate.EnterWrite())
        {
            store.Journal = Journal.Open(Options.DataDirectory, store.Replay);
            store.History.Reset(Server.LogicalClock.Next(store.Clock.Current));
        }
    }

    private void DeleteJournal()
    {
        File.Delete(Path.Combine(Options.DataDirectory!, "journal.bin"));
        LoadJournal();
    }

    private void Listen(int port)
    {
        var listener = new Socket(_address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // Accepted sockets we closed linger in TIME_WAIT on this port; allow re-binding it on restart.
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(_address, port));
        listener.Listen(512);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _state.AdvertisedAddress = HostAndPort;
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
    }

    private void StartBackground()
    {
        _lifetime = new CancellationTokenSource();
        _monitor = TtlMonitor.RunAsync(_state, _lifetime.Token);
    }

    private async Task StopBackgroundAsync()
    {
        await _lifetime.CancelAsync();
        await _monitor;
        _lifetime.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            var connection = new ClientConnection(socket, _dispatcher, _state.NextConnectionId());
            _connections[connection.Id] = connection;
            _ = Task.Run(async () =>
            {
                await connection.RunAsync();
                _connections.TryRemove(connection.Id, out _);
            });
        }
    }
}
