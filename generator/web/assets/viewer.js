// MakeLocal's 3D viewer: a small WebGL renderer for the mesh of one part.
// Meshes come as classic scripts, because browsers refuse fetch() on pages opened from
// files (a USB stick); each mesh script calls MakeLocalViewer.mesh(document.currentScript,
// data) with 16-bit vertices inside the part's bounding box and triangle indices.
window.MakeLocalViewer = (function () {
  "use strict";
  var waiting = {}; // mesh script address -> the button that asked for it
  var _ = window.MakeLocal._;
  var COLOUR = [0.93, 0.55, 0.22];
  var VERTEX = [
    "attribute vec3 position;",
    "attribute vec3 normal;",
    "uniform mat4 view;",
    "uniform mat4 projection;",
    "varying float light;",
    "void main() {",
    "  vec3 n = normalize((view * vec4(normal, 0.0)).xyz);",
    "  light = 0.35 + 0.65 * abs(dot(n, normalize(vec3(0.4, 0.7, 1.0))));",
    "  gl_Position = projection * view * vec4(position, 1.0);",
    "}"
  ].join("\n");
  var FRAGMENT = [
    "precision mediump float;",
    "uniform vec3 colour;",
    "varying float light;",
    "void main() { gl_FragColor = vec4(colour * light, 1.0); }"
  ].join("\n");

  function open(button) {
    var script = document.createElement("script");
    script.src = button.getAttribute("data-mesh");
    waiting[script.src] = button;
    script.onerror = function () { button.textContent = _("The part's mesh could not be loaded"); };
    document.head.appendChild(script);
  }

  function decode(text, Type) {
    var bytes = atob(text);
    var buffer = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) buffer[i] = bytes.charCodeAt(i);
    return new Type(buffer.buffer);
  }

  // Unindexed triangles with one normal per face, centred and scaled into a unit cube.
  function geometry(data) {
    var q = decode(data.vertices, Uint16Array);
    var index = decode(data.indices, data.wide ? Uint32Array : Uint16Array);
    var span = [0, 1, 2].map(function (a) { return data.high[a] - data.low[a]; });
    var size = Math.max(span[0], span[1], span[2]) || 1;
    var scale = span.map(function (s) { return s / size; });
    var count = index.length;
    var positions = new Float32Array(count * 3);
    var normals = new Float32Array(count * 3);
    for (var i = 0; i < count; i++) {
      for (var a = 0; a < 3; a++) {
        positions[i * 3 + a] = (q[index[i] * 3 + a] / 65535 - 0.5) * scale[a];
      }
    }
    for (var t = 0; t < count * 3; t += 9) {
      var ux = positions[t + 3] - positions[t], uy = positions[t + 4] - positions[t + 1];
      var uz = positions[t + 5] - positions[t + 2];
      var vx = positions[t + 6] - positions[t], vy = positions[t + 7] - positions[t + 1];
      var vz = positions[t + 8] - positions[t + 2];
      var nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
      var length = Math.sqrt(nx * nx + ny * ny + nz * nz) || 1;
      for (var k = 0; k < 9; k += 3) {
        normals[t + k] = nx / length;
        normals[t + k + 1] = ny / length;
        normals[t + k + 2] = nz / length;
      }
    }
    return { positions: positions, normals: normals, count: count };
  }

  // Column-major 4x4 matrices.
  function multiply(a, b) {
    var out = new Float32Array(16);
    for (var c = 0; c < 4; c++) {
      for (var r = 0; r < 4; r++) {
        var sum = 0;
        for (var k = 0; k < 4; k++) sum += a[k * 4 + r] * b[c * 4 + k];
        out[c * 4 + r] = sum;
      }
    }
    return out;
  }
  function rotateX(angle) {
    var c = Math.cos(angle), s = Math.sin(angle);
    return new Float32Array([1, 0, 0, 0, 0, c, s, 0, 0, -s, c, 0, 0, 0, 0, 1]);
  }
  function rotateY(angle) {
    var c = Math.cos(angle), s = Math.sin(angle);
    return new Float32Array([c, 0, -s, 0, 0, 1, 0, 0, s, 0, c, 0, 0, 0, 0, 1]);
  }
  function translateZ(z) {
    return new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, z, 1]);
  }
  function perspective(fov, aspect, near, far) {
    var f = 1 / Math.tan(fov / 2), range = 1 / (near - far);
    return new Float32Array([
      f / aspect, 0, 0, 0, 0, f, 0, 0, 0, 0, (near + far) * range, -1,
      0, 0, 2 * near * far * range, 0
    ]);
  }

  function program(gl) {
    var made = gl.createProgram();
    [[gl.VERTEX_SHADER, VERTEX], [gl.FRAGMENT_SHADER, FRAGMENT]].forEach(function (pair) {
      var shader = gl.createShader(pair[0]);
      gl.shaderSource(shader, pair[1]);
      gl.compileShader(shader);
      gl.attachShader(made, shader);
    });
    gl.linkProgram(made);
    return made;
  }

  function buffer(gl, made, name, data) {
    var location = gl.getAttribLocation(made, name);
    gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
    gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
    gl.enableVertexAttribArray(location);
    gl.vertexAttribPointer(location, 3, gl.FLOAT, false, 0, 0);
  }

  function show(button, data) {
    var place = button.parentNode;
    var canvas = document.createElement("canvas");
    canvas.className = "ml-viewer";
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", _(
      "3D view of the part: drag, two fingers or the arrow keys turn it; scroll, pinch or + and - zoom"));
    canvas.tabIndex = 0;
    var preview = place.querySelector(".ml-part__preview");
    place.insertBefore(canvas, preview || button);
    if (preview) preview.hidden = true;
    var gl = canvas.getContext("webgl", { antialias: true, preserveDrawingBuffer: true });
    if (!gl) {
      canvas.remove();
      if (preview) preview.hidden = false;
      button.textContent = _("This browser cannot show 3D (no WebGL)");
      return;
    }
    var mesh = geometry(data);
    var made = program(gl);
    gl.useProgram(made);
    buffer(gl, made, "position", mesh.positions);
    buffer(gl, made, "normal", mesh.normals);
    gl.uniform3fv(gl.getUniformLocation(made, "colour"), COLOUR);
    gl.enable(gl.DEPTH_TEST);
    var state = { yaw: -0.6, pitch: 0.45, distance: 2.6 };
    var initial = JSON.stringify(state);
    var queued = false;

    function draw() {
      queued = false;
      var ratio = Math.min(window.devicePixelRatio || 1, 2);
      var width = Math.round(canvas.clientWidth * ratio);
      var height = Math.round(canvas.clientHeight * ratio);
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      gl.viewport(0, 0, width, height);
      gl.clearColor(0.957, 0.961, 0.969, 1);
      gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
      // Parts are drawn Z-up (as printed), so turn Z to the screen's up first.
      var view = multiply(translateZ(-state.distance),
        multiply(rotateX(state.pitch), multiply(rotateY(state.yaw), rotateX(-Math.PI / 2))));
      gl.uniformMatrix4fv(gl.getUniformLocation(made, "view"), false, view);
      gl.uniformMatrix4fv(gl.getUniformLocation(made, "projection"), false,
        perspective(Math.PI / 4, width / Math.max(height, 1), 0.05, 50));
      gl.drawArrays(gl.TRIANGLES, 0, mesh.count);
    }
    function redraw() {
      if (!queued) { queued = true; window.requestAnimationFrame(draw); }
    }

    pointers(canvas, state, redraw);
    canvas.addEventListener("wheel", function (event) {
      event.preventDefault();
      state.distance = Math.max(1, Math.min(8, state.distance * Math.exp(event.deltaY * 0.001)));
      redraw();
    }, { passive: false });
    window.addEventListener("resize", redraw);
    keys(canvas, state, redraw);

    var help = document.createElement("span");
    help.className = "ml-viewer-help";
    help.textContent = " " + _(
      "Drag, use two fingers or the arrow keys to turn; scroll, pinch or + and - to zoom.");
    button.textContent = _("Reset the view");
    button.classList.remove("ml-view3d");
    button.removeAttribute("aria-disabled");
    button.after(help);
    button.addEventListener("click", function () {
      var reset = JSON.parse(initial);
      state.yaw = reset.yaw;
      state.pitch = reset.pitch;
      state.distance = reset.distance;
      redraw();
    });
    draw();
    // The keyboard's focus goes on to the view it asked for (unless it has moved on).
    if (document.activeElement === button) canvas.focus();
  }

  // Mouse, pen and touch. A mouse or pen drags the part round. On a touch screen the view
  // lets the page scroll under one finger (CSS touch-action: pan-y, so the browser takes a
  // vertical swipe and cancels the pointer): one finger turns the part only sideways; two
  // fingers turn it as they move together and twist, and zoom as they pinch or spread.
  function pointers(canvas, state, redraw) {
    var down = {}; // pointer id -> [x, y], of the pointers pressed on the view
    var pair = null; // the two fingers' centre, spread and angle at the last move

    function fingers() {
      var ids = Object.keys(down);
      if (ids.length < 2) return null;
      var a = down[ids[0]], b = down[ids[1]];
      return {
        centre: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2],
        spread: Math.max(Math.hypot(b[0] - a[0], b[1] - a[1]), 1),
        angle: Math.atan2(b[1] - a[1], b[0] - a[0])
      };
    }
    function turn(dx, dy) {
      state.yaw += dx * 0.01;
      state.pitch = Math.max(-1.5, Math.min(1.5, state.pitch + dy * 0.01));
    }
    function lift(event) {
      delete down[event.pointerId];
      pair = fingers();
    }

    canvas.addEventListener("pointerdown", function (event) {
      down[event.pointerId] = [event.clientX, event.clientY];
      if (event.pointerType !== "touch") canvas.setPointerCapture(event.pointerId);
      pair = fingers();
    });
    canvas.addEventListener("pointermove", function (event) {
      var last = down[event.pointerId];
      if (!last) return;
      down[event.pointerId] = [event.clientX, event.clientY];
      var now = fingers();
      if (now && pair) {
        turn(now.centre[0] - pair.centre[0], now.centre[1] - pair.centre[1]);
        var twist = now.angle - pair.angle;
        state.yaw += Math.atan2(Math.sin(twist), Math.cos(twist));
        state.distance = Math.max(1, Math.min(8, state.distance * pair.spread / now.spread));
        pair = now;
      } else if (event.pointerType === "touch") {
        turn(event.clientX - last[0], 0);
      } else {
        turn(event.clientX - last[0], event.clientY - last[1]);
      }
      redraw();
    });
    canvas.addEventListener("pointerup", lift);
    canvas.addEventListener("pointercancel", lift);
    // Two fingers on the view are its own: the page neither scrolls nor zooms under them.
    canvas.addEventListener("touchmove", function (event) {
      if (event.touches.length > 1 && event.cancelable) event.preventDefault();
    }, { passive: false });
  }

  // Keys for the view when it has the focus: arrows turn, + and - zoom, 0 resets.
  var TURN = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, -0.15], ArrowDown: [0, 0.15] };
  var ZOOM = { "+": 0.87, "=": 0.87, "-": 1.15, "_": 1.15 };
  function keys(canvas, state, redraw) {
    var initial = JSON.stringify(state);
    canvas.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var turn = TURN[event.key], zoom = ZOOM[event.key];
      if (turn) {
        state.yaw += turn[0];
        state.pitch = Math.max(-1.5, Math.min(1.5, state.pitch + turn[1]));
      } else if (zoom) {
        state.distance = Math.max(1, Math.min(8, state.distance * zoom));
      } else if (event.key === "0" || event.key === "Home") {
        var reset = JSON.parse(initial);
        state.yaw = reset.yaw; state.pitch = reset.pitch; state.distance = reset.distance;
      } else {
        return;
      }
      event.preventDefault();
      redraw();
    });
  }

  function mesh(script, data) {
    var button = waiting[script.src];
    if (!button) return;
    delete waiting[script.src];
    show(button, data);
  }

  return { open: open, mesh: mesh };
})();
