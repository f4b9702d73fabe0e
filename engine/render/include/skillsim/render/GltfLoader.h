#pragma once

#include <skillsim/core/Expected.h>
#include <skillsim/render/MeshData.h>

#include <string>

namespace skillsim::render {

/**
 * Loads every triangle primitive of a glTF 2.0 file (.gltf with its buffers, or .glb) through
 * tinygltf into one mesh, with node transforms of the default scene applied (glTF 2.0 §3.5.3) and
 * units as in the file (metres, glTF 2.0 §3.4). Missing normals are computed per face.
 *
 * Errors name the file and the problem: ErrorCode::NotFound for a missing or unreadable file,
 * InvalidInput for a file tinygltf cannot parse (its message is included), a primitive whose
 * positions are not float VEC3, indices out of range, or a file with no triangles.
 */
[[nodiscard]] core::Expected<MeshData> loadGltf(const std::string& path);

} // namespace skillsim::render
